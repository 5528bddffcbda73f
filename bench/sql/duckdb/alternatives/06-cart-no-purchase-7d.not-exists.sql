SELECT DISTINCT a.user_id
  FROM events a
  WHERE a.event_name = 'ADDED_TO_CART' AND a."timestamp" < {{asOf}}
  AND NOT EXISTS (SELECT 1
  FROM events p
  WHERE p.event_name = 'PURCHASE_MADE' AND p.user_id = a.user_id AND p."timestamp" > a."timestamp" AND p."timestamp" <= a."timestamp" + INTERVAL 7 DAY AND p."timestamp" < {{asOf}})
  ORDER BY a.user_id
