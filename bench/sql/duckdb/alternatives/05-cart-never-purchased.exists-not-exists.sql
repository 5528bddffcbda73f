SELECT u.user_id
  FROM users u
  WHERE EXISTS (SELECT 1
  FROM events e
  WHERE e.user_id = u.user_id AND e.event_name = 'ADDED_TO_CART' AND e."timestamp" < {{asOf}})
  AND NOT EXISTS (SELECT 1
  FROM events e
  WHERE e.user_id = u.user_id AND e.event_name = 'PURCHASE_MADE' AND e."timestamp" < {{asOf}})
  ORDER BY u.user_id
