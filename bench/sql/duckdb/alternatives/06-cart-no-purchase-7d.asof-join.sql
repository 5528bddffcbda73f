WITH c AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}}),
p AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}})
SELECT DISTINCT c.user_id
  FROM c
  ASOF
  LEFT JOIN p ON c.user_id = p.user_id AND p.ts > c.ts
  WHERE p.ts IS NULL OR p.ts > c.ts + INTERVAL 7 DAY
  ORDER BY c.user_id
