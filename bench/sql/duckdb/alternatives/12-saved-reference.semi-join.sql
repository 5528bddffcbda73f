SELECT u.user_id
  FROM users u
  SEMI JOIN (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 3) p ON p.user_id = u.user_id
  WHERE u.device_type = 'iOS'
  ORDER BY u.user_id
