SELECT DISTINCT c.user_id
  FROM events c
  WHERE c.event_name = 'ADDED_TO_CART' AND c."timestamp" >= {{asOf}} - INTERVAL 30 DAY AND c."timestamp" < {{asOf}}
  AND EXISTS (SELECT 1
  FROM events v
  WHERE v.event_name = 'VIEW_PRODUCT' AND v.user_id = c.user_id AND v."timestamp" >= {{asOf}} - INTERVAL 30 DAY AND v."timestamp" < c."timestamp" AND c."timestamp" <= v."timestamp" + INTERVAL 1 HOUR)
  AND EXISTS (SELECT 1
  FROM events p
  WHERE p.event_name = 'PURCHASE_MADE' AND p.user_id = c.user_id AND p."timestamp" > c."timestamp" AND p."timestamp" <= c."timestamp" + INTERVAL 1 DAY AND p."timestamp" < {{asOf}})
  ORDER BY c.user_id
