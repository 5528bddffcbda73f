SELECT u.user_id
  FROM users u
  WHERE u.user_id IN (SELECT user_id
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}})
  AND u.user_id NOT IN (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}})
  ORDER BY u.user_id
