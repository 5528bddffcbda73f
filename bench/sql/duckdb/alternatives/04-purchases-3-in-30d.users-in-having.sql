SELECT u.user_id
  FROM users u
  WHERE u.user_id IN (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 3)
  ORDER BY u.user_id
