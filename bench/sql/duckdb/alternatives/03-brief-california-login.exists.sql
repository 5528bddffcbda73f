SELECT u.user_id
  FROM users u
  WHERE u.location = 'California'
  AND EXISTS (SELECT 1
  FROM events e
  WHERE e.user_id = u.user_id AND e.event_name = 'LOGIN' AND e."timestamp" < {{asOf}})
  ORDER BY u.user_id
