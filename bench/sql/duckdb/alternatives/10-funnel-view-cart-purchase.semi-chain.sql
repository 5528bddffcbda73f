WITH v AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'VIEW_PRODUCT' AND "timestamp" >= {{asOf-P30D}} AND "timestamp" < {{asOf}}),
c AS (SELECT e.user_id, e."timestamp" AS ts
  FROM events e
  SEMI JOIN v ON e.user_id = v.user_id AND e."timestamp" > v.ts AND epoch_us(e."timestamp") <= epoch_us(v.ts) + 3600000000
  WHERE e.event_name = 'ADDED_TO_CART' AND e."timestamp" >= {{asOf-P30D}} AND e."timestamp" < {{asOf}})
SELECT DISTINCT p.user_id
  FROM events p
  SEMI JOIN c ON p.user_id = c.user_id AND p."timestamp" > c.ts AND epoch_us(p."timestamp") <= epoch_us(c.ts) + 86400000000
  WHERE p.event_name = 'PURCHASE_MADE' AND p."timestamp" >= {{asOf-P30D}} AND p."timestamp" < {{asOf}}
  ORDER BY p.user_id
