SELECT u.user_id
  FROM users u
  WHERE u.location = 'California'
  AND u.user_id IN (SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" < {{asOf}})
  ORDER BY u.user_id
