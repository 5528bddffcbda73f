-- shape: anti-join
-- ANTI JOIN with the time range in its condition: DuckDB plans it as one range join instead of a subquery per cart event.
WITH c AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}}),
p AS (SELECT user_id, "timestamp" AS ts
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}})
SELECT DISTINCT c.user_id
  FROM c
  ANTI JOIN p ON c.user_id = p.user_id AND p.ts > c.ts AND p.ts <= c.ts + INTERVAL 7 DAY
  ORDER BY c.user_id
