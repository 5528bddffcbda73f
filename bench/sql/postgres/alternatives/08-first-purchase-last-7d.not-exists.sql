SELECT DISTINCT r.user_id
  FROM events r
  WHERE r.event_name = 'PURCHASE_MADE' AND r."timestamp" >= {{asOf}} - INTERVAL '7 days' AND r."timestamp" < {{asOf}}
  AND NOT EXISTS (SELECT 1
  FROM events o
  WHERE o.event_name = 'PURCHASE_MADE' AND o.user_id = r.user_id AND o."timestamp" < {{asOf}} - INTERVAL '7 days')
  ORDER BY r.user_id
