-- shape: count-distinct
-- Index-only scan, count(DISTINCT date) per user.
SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf}} - INTERVAL '30 days' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(DISTINCT "timestamp"::date) >= 5
  ORDER BY user_id
