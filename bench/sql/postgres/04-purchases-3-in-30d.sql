-- shape: group-having
-- Index-only range scan of (event_name, user_id, timestamp) feeding a streaming group.
SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL '30 days' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 3
  ORDER BY user_id
