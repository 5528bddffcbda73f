-- $dyn_origin = 2025-12-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_q0_n0 = 'ADDED_TO_CART'
-- $dyn_q0_n1 = 'PURCHASE_MADE'
-- $dyn_q0_within = 604800000000

WITH q0_0 AS (
  SELECT e.user_id, epoch_us(e."timestamp") AS t, e.event_name AS name,
    CASE WHEN e.event_name = CAST($dyn_q0_n0 AS VARCHAR) THEN epoch_us(e."timestamp") END AS l1
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN (CAST($dyn_q0_n0 AS VARCHAR), CAST($dyn_q0_n1 AS VARCHAR))
),
q0_runs AS (
  SELECT y.user_id, bit_or(CASE WHEN greatest(CASE WHEN y.t < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN 0 ELSE (y.t - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 + 1 END, 0) <= least(CASE WHEN y.nb IS NOT NULL AND y.nb <= y.t + CAST($dyn_q0_within AS BIGINT) THEN CASE WHEN y.nb < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN -1 ELSE (y.nb - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 - 0 END ELSE 29 END, 29) THEN (1::BIGINT << (least(CASE WHEN y.nb IS NOT NULL AND y.nb <= y.t + CAST($dyn_q0_within AS BIGINT) THEN CASE WHEN y.nb < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN -1 ELSE (y.nb - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 - 0 END ELSE 29 END, 29) + 1)) - (1::BIGINT << greatest(CASE WHEN y.t < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN 0 ELSE (y.t - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 + 1 END, 0)) ELSE 0 END) AS p0
  FROM (
    SELECT x.user_id, x.t, x.l1 AS s, min(CASE WHEN x.name = CAST($dyn_q0_n1 AS VARCHAR) THEN x.t END) OVER (PARTITION BY x.user_id ORDER BY x.t RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS nb
    FROM q0_0 x
  ) y
  WHERE y.s IS NOT NULL
  GROUP BY y.user_id
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
