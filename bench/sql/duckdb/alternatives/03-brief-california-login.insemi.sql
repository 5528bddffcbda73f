SELECT u.user_id
  FROM users u
  SEMI JOIN (SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" < {{asOf}}) e ON e.user_id = u.user_id
  WHERE u.location = 'California'
  ORDER BY u.user_id
