-- shape: count-distinct
-- UTC calendar days are the TIMESTAMP's date: count(DISTINCT date) per user in one aggregate.
SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(DISTINCT "timestamp"::DATE) >= 5
  ORDER BY user_id
