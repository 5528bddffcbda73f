-- shape: group-having
-- max(timestamp) per user in one aggregate.
SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING max("timestamp") < {{asOf}} - INTERVAL 30 DAY
  ORDER BY user_id
