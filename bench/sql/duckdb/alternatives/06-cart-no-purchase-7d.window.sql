WITH x AS (SELECT user_id, event_name, "timestamp" AS ts, min(CASE WHEN event_name = 'PURCHASE_MADE' THEN "timestamp" END) OVER (PARTITION BY user_id
  ORDER BY "timestamp" ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_p
  FROM events
  WHERE event_name IN ('ADDED_TO_CART', 'PURCHASE_MADE') AND "timestamp" < {{asOf}})
SELECT DISTINCT user_id
  FROM x
  WHERE event_name = 'ADDED_TO_CART' AND (next_p IS NULL OR next_p > ts + INTERVAL 7 DAY)
  ORDER BY user_id
