-- $dyn_origin = 2025-12-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_q0_n0 = 'VIEW_PRODUCT'
-- $dyn_q0_n1 = 'ADDED_TO_CART'
-- $dyn_q0_n2 = 'PURCHASE_MADE'
-- $dyn_q0_from = 2025-11-02T00:00:00
-- $dyn_q0_w2 = 3600000000
-- $dyn_q0_w3 = 86400000000
-- $dyn_q0_window = 2592000000000

WITH q0_0 AS (
  SELECT e.user_id, epoch_us(e."timestamp") AS t, e.event_name AS name,
    CASE WHEN e.event_name = CAST($dyn_q0_n0 AS VARCHAR) THEN epoch_us(e."timestamp") END AS l1
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN (CAST($dyn_q0_n0 AS VARCHAR), CAST($dyn_q0_n1 AS VARCHAR), CAST($dyn_q0_n2 AS VARCHAR)) AND e."timestamp" >= CAST($dyn_q0_from AS TIMESTAMP)
),
q0_1 AS (
  SELECT x.*, CASE WHEN x.name = CAST($dyn_q0_n1 AS VARCHAR) THEN max(x.l1) OVER (PARTITION BY x.user_id ORDER BY x.t RANGE BETWEEN CAST($dyn_q0_w2 AS BIGINT) PRECEDING AND CURRENT ROW EXCLUDE GROUP) END AS l2
  FROM q0_0 x
),
q0_2 AS (
  SELECT x.*, CASE WHEN x.name = CAST($dyn_q0_n2 AS VARCHAR) THEN max(x.l2) OVER (PARTITION BY x.user_id ORDER BY x.t RANGE BETWEEN CAST($dyn_q0_w3 AS BIGINT) PRECEDING AND CURRENT ROW EXCLUDE GROUP) END AS l3
  FROM q0_1 x
),
q0_runs AS (
  SELECT y.user_id, bit_or(CASE WHEN greatest(CASE WHEN y.t < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN 0 ELSE (y.t - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 + 1 END, 0) <= least(least(29, CASE WHEN y.s + CAST($dyn_q0_window AS BIGINT) < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN -1 ELSE (y.s + CAST($dyn_q0_window AS BIGINT) - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 - 0 END), 29) THEN (1::BIGINT << (least(least(29, CASE WHEN y.s + CAST($dyn_q0_window AS BIGINT) < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN -1 ELSE (y.s + CAST($dyn_q0_window AS BIGINT) - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 - 0 END), 29) + 1)) - (1::BIGINT << greatest(CASE WHEN y.t < epoch_us(CAST($dyn_origin AS TIMESTAMP)) THEN 0 ELSE (y.t - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 + 1 END, 0)) ELSE 0 END) AS p0
  FROM (
    SELECT x.user_id, x.t, x.l3 AS s
    FROM q0_2 x
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
