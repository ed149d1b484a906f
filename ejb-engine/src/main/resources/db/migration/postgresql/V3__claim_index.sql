-- The claim queries walk this index in order and stop after the rows they take, however long the backlog is
-- (the old index made every claim read and sort every due work item of the adapter: found by the benchmark).
create index cv_work_item_claim on cv_work_item (adapter_type, state, ordered, priority, next_attempt_at);
drop index cv_work_item_due;
