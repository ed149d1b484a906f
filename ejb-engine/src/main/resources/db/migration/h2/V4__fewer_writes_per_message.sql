-- Promoted properties live in the message context (cv_message.context); routing evaluates filters in memory at
-- publication, and nothing read this copy, which cost two index entries per promoted property on every
-- publication and deletion (found by the benchmark; see docs/decisions.md).
drop table cv_promoted_property;
-- Lease renewal finds its work items by identity, and recovery (every third of a lease) reads all in-process
-- items anyway: this index was only maintained, on every claim and every deletion, never used.
drop index cv_work_item_lease;
