-- Message tracking at a lower cost. Keep in step with ../postgresql/V9__cheaper_tracking.sql.
--
-- Fewer rows: a delivery is now one DELIVERED row carrying its successful attempt (adapter, address, outcome
-- SUCCESS, duration), where it was three (ATTEMPTED with SUCCESS, DELIVERED, DELETED), and a termination one
-- TERMINATED row (it was followed by DELETED). Rows recorded before are brought to the same shape.
delete from cv_tracking where event in ('DELIVERED', 'DELETED');
update cv_tracking set event = 'DELIVERED' where event = 'ATTEMPTED' and outcome = 'SUCCESS';

-- Identity values in blocks. H2 hands out an identity column's values from a sequence that caches 32 of them, and
-- when a block is used up it writes the sequence's new high mark and stores the whole database file (every page
-- changed so far), in the middle of the inserting transaction. Tracking appends rows for every message, so that
-- happened every few messages: the profile of a FILE burst put a fifth of the server's CPU there. With blocks of
-- 10,000 it happens every 10,000 rows. A restart skips what is left of a block (gaps in the keys, never a value
-- given twice); one H2 sequence serves every session, so keys still follow the order of the inserts, which orders
-- a message's events. (PostgreSQL keeps its sequences' defaults: a cache there is per connection, which would
-- break that order, and its sequences log their progress cheaply.)
alter table cv_tracking alter column id set cache 10000;
alter table cv_backlog_delta alter column id set cache 10000;
alter table cv_audit alter column id set cache 1000;
