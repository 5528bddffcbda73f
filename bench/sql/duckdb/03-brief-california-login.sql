-- shape: semi-join
-- SEMI JOIN builds one hash table of the few Californians and probes it with the LOGIN run of the sorted events.
SELECT u.user_id
  FROM users u
  SEMI JOIN events e ON e.user_id = u.user_id AND e.event_name = 'LOGIN' AND e."timestamp" < {{asOf}}
  WHERE u.location = 'California'
  ORDER BY u.user_id
