-- Message tracking at a lower cost. Keep in step with ../h2/V9__cheaper_tracking.sql.
--
-- Fewer rows: a delivery is now one DELIVERED row carrying its successful attempt (adapter, address, outcome
-- SUCCESS, duration), where it was three (ATTEMPTED with SUCCESS, DELIVERED, DELETED), and a termination one
-- TERMINATED row (it was followed by DELETED). Rows recorded before are brought to the same shape.
--
-- The H2 script also gives identity columns larger blocks of values; PostgreSQL keeps its sequences' defaults (a
-- cache there is per connection, so keys would no longer follow the order of the inserts, which orders a message's
-- events; and its sequences log their progress cheaply).
delete from cv_tracking where event in ('DELIVERED', 'DELETED');
update cv_tracking set event = 'DELIVERED' where event = 'ATTEMPTED' and outcome = 'SUCCESS';
