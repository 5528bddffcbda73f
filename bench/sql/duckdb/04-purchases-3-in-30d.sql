-- shape: group-having
-- One aggregate over the PURCHASE_MADE run of events; no join to users, since ingest guarantees every event's user exists.
SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 3
  ORDER BY user_id
