SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" < {{asOf}}
  EXCEPT SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  ORDER BY user_id
