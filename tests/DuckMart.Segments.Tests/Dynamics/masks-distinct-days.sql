-- $dyn_origin = 2025-11-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_c0_from = 2025-11-02T00:00:00
-- $dyn_c0_name = 'LOGIN'
-- $dyn_c0_n = 5

WITH c0 AS (
  SELECT DISTINCT e.user_id, (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 AS k
  FROM events e
  WHERE e."timestamp" >= CAST($dyn_c0_from AS TIMESTAMP) AND e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name = CAST($dyn_c0_name AS VARCHAR)
),
c0_users AS (
  SELECT user_id FROM c0 GROUP BY user_id HAVING count(*) >= CAST($dyn_c0_n AS BIGINT)
),
c0_runs AS (
  SELECT w.user_id, bit_or(CASE WHEN greatest(w.kc + -29, 0) <= least(w.k + 0, 29) THEN (1::BIGINT << (least(w.k + 0, 29) + 1)) - (1::BIGINT << greatest(w.kc + -29, 0)) ELSE 0 END) AS p0
  FROM (
    SELECT c0.user_id, c0.k, lead(c0.k, CAST($dyn_c0_n AS BIGINT) - 1) OVER (PARTITION BY c0.user_id ORDER BY c0.k) AS kc
    FROM c0 SEMI JOIN c0_users USING (user_id)
  ) w
  WHERE w.kc IS NOT NULL
  GROUP BY w.user_id
),
u AS (
  SELECT user_id, p0
  FROM c0_runs
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
