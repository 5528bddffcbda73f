SELECT u.user_id
  FROM users u
  WHERE EXISTS (SELECT 1
  FROM events c
  WHERE c.event_name = 'ADDED_TO_CART' AND c.user_id = u.user_id AND c."timestamp" < {{asOf}})
  AND NOT EXISTS (SELECT 1
  FROM events p
  WHERE p.event_name = 'PURCHASE_MADE' AND p.user_id = u.user_id AND p."timestamp" < {{asOf}})
  ORDER BY u.user_id
