WITH c AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}}),
p AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}})
SELECT DISTINCT c.user_id
  FROM c
  ANTI JOIN p ON c.user_id = p.user_id AND p.ts > c.ts AND epoch_us(p.ts) <= epoch_us(c.ts) + 604800000000
  ORDER BY c.user_id
