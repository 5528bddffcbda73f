SELECT user_id
  FROM (SELECT DISTINCT user_id, "timestamp"::DATE AS d
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}})
  GROUP BY user_id
  HAVING count(*) >= 5
  ORDER BY user_id
