-- shape: in-having
-- The saved segment inlined.
SELECT u.user_id
  FROM users u
  WHERE u.device_type = 'iOS'
  AND u.user_id IN (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL '30 days' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 3)
  ORDER BY u.user_id
