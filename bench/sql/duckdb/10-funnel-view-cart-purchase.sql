-- shape: semi-joins
-- Each cart event kept if a view precedes it within 1h and a purchase follows within 1d: two range semi-joins; greedy per step is exact because only existence matters.
WITH v AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'VIEW_PRODUCT' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}),
c AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}),
p AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}})
SELECT DISTINCT c.user_id
  FROM c
  SEMI JOIN v ON c.user_id = v.user_id AND v.ts < c.ts AND c.ts <= v.ts + INTERVAL 1 HOUR
  SEMI JOIN p ON c.user_id = p.user_id AND p.ts > c.ts AND p.ts <= c.ts + INTERVAL 1 DAY
  ORDER BY c.user_id
