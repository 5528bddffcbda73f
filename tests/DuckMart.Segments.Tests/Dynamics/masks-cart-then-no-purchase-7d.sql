-- $dyn_origin = 2025-12-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_q0_a = 'ADDED_TO_CART'
-- $dyn_q0_b = 'PURCHASE_MADE'
-- $dyn_q0_within = 604800000000

WITH q0 AS (
  SELECT e.user_id, e."timestamp" AS t, e.event_name = CAST($dyn_q0_a AS VARCHAR) AS is_a
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN (CAST($dyn_q0_a AS VARCHAR), CAST($dyn_q0_b AS VARCHAR))
),
q0_runs AS (
  SELECT x.user_id, bit_or(CASE WHEN greatest(CASE WHEN x.t < CAST($dyn_origin AS TIMESTAMP) THEN 0 ELSE (epoch_us(x.t) - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 + 1 END, 0) <= least(CASE WHEN x.n IS NOT NULL AND epoch_us(x.n) <= epoch_us(x.t) + CAST($dyn_q0_within AS BIGINT) THEN CASE WHEN epoch_us(x.n) < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN -1 ELSE (epoch_us(x.n) - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 - 0 END ELSE 29 END, 29) THEN (1::BIGINT << (least(CASE WHEN x.n IS NOT NULL AND epoch_us(x.n) <= epoch_us(x.t) + CAST($dyn_q0_within AS BIGINT) THEN CASE WHEN epoch_us(x.n) < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN -1 ELSE (epoch_us(x.n) - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 - 0 END ELSE 29 END, 29) + 1)) - (1::BIGINT << greatest(CASE WHEN x.t < CAST($dyn_origin AS TIMESTAMP) THEN 0 ELSE (epoch_us(x.t) - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 + 1 END, 0)) ELSE 0 END) AS p0
  FROM (
    SELECT q0.user_id, q0.t, q0.is_a, min(CASE WHEN NOT q0.is_a THEN q0.t END) OVER (PARTITION BY q0.user_id ORDER BY q0.t, q0.is_a ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS n
    FROM q0
  ) x
  WHERE x.is_a
  GROUP BY x.user_id
),
u AS (
  SELECT user_id, p0
  FROM q0_runs
),
m AS (
  SELECT (coalesce(u.p0, 0)) AS mask, count(*) AS c
  FROM u
  GROUP BY 1
)
SELECT r.i::INTEGER AS point, coalesce(sum(m.c) FILTER (WHERE ((m.mask >> r.i) & 1) = 1), 0)::BIGINT AS n
FROM range(0, 30) r(i) LEFT JOIN m ON TRUE
GROUP BY r.i
ORDER BY 1
