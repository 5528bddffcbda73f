WITH v AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'VIEW_PRODUCT' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}),
c AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}),
p AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}),
vc AS (SELECT c.user_id, c.ts
  FROM c
  ASOF JOIN v ON c.user_id = v.user_id AND c.ts > v.ts
  WHERE c.ts <= v.ts + INTERVAL 1 HOUR)
SELECT DISTINCT vc.user_id
  FROM vc
  ASOF JOIN p ON vc.user_id = p.user_id AND p.ts > vc.ts
  WHERE p.ts <= vc.ts + INTERVAL 1 DAY
  ORDER BY vc.user_id
