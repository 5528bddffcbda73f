-- shape: group-having
-- max per user over the index.
SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING max("timestamp") < {{asOf}} - INTERVAL '30 days'
  ORDER BY user_id
