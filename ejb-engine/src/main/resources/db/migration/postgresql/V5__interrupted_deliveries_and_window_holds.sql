-- Deliveries that ended without an outcome (the server stopped, crashed or lost the lease while the adapter held the
-- message), counted per work item: a message that keeps bringing its server down is suspended instead of being
-- delivered again forever. And whether a ready item waits for its transport's service window (not for a retry), so a
-- change of the window reaches it. Keep in step with ../h2/V5__interrupted_deliveries_and_window_holds.sql.
alter table cv_work_item add column interrupted_deliveries int default 0 not null;
alter table cv_work_item add column window_hold boolean default false not null;
