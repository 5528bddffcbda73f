-- $dyn_a0_value = 'iOS'
-- $dyn_origin = 2025-11-18T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_name0 = 'PURCHASE_MADE'
-- $dyn_s2 = 'PURCHASE_MADE'
-- $dyn_c0_from = 2025-11-18T00:00:00
-- $dyn_c0_name = 'LOGIN'
-- $dyn_c0_n = 2
-- $dyn_c1_from = 2025-11-18T00:00:00
-- $dyn_c1_name = 'LOGIN'
-- $dyn_c1_n = 3

WITH ev AS (
  SELECT e.user_id, e.event_name,
    CASE WHEN e."timestamp" < CAST($dyn_origin AS TIMESTAMP) THEN -1 ELSE (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 END AS k
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN (CAST($dyn_name0 AS VARCHAR))
    AND e.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.device_type = $dyn_a0_value

    )
),
u0 AS (
  SELECT ev.user_id,
    min(ev.k) FILTER (WHERE ev.event_name = CAST($dyn_s2 AS VARCHAR)) AS p2
  FROM ev
  GROUP BY ev.user_id
),
c0 AS (
  SELECT e.user_id, (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 AS k
  FROM events e
  WHERE e."timestamp" >= CAST($dyn_c0_from AS TIMESTAMP) AND e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name = CAST($dyn_c0_name AS VARCHAR)
    AND e.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.device_type = $dyn_a0_value

    )
),
c0_users AS (
  SELECT user_id FROM c0 GROUP BY user_id HAVING count(*) >= CAST($dyn_c0_n AS BIGINT)
),
c0_runs AS (
  SELECT w.user_id, bit_or(CASE WHEN greatest(w.kc + -13, 0) <= least(w.k + 0, 29) THEN (1::BIGINT << (least(w.k + 0, 29) + 1)) - (1::BIGINT << greatest(w.kc + -13, 0)) ELSE 0 END) AS p0
  FROM (
    SELECT c0.user_id, c0.k, lead(c0.k, CAST($dyn_c0_n AS BIGINT) - 1) OVER (PARTITION BY c0.user_id ORDER BY c0.k) AS kc
    FROM c0 SEMI JOIN c0_users USING (user_id)
  ) w
  WHERE w.kc IS NOT NULL
  GROUP BY w.user_id
),
c1 AS (
  SELECT e.user_id, (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 AS k
  FROM events e
  WHERE e."timestamp" >= CAST($dyn_c1_from AS TIMESTAMP) AND e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name = CAST($dyn_c1_name AS VARCHAR)
    AND e.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.device_type = $dyn_a0_value

    )
),
c1_users AS (
  SELECT user_id FROM c1 GROUP BY user_id HAVING count(*) >= CAST($dyn_c1_n AS BIGINT)
),
c1_runs AS (
  SELECT w.user_id, bit_or(CASE WHEN greatest(w.kc + -13, 0) <= least(w.k + 0, 29) THEN (1::BIGINT << (least(w.k + 0, 29) + 1)) - (1::BIGINT << greatest(w.kc + -13, 0)) ELSE 0 END) AS p1
  FROM (
    SELECT c1.user_id, c1.k, lead(c1.k, CAST($dyn_c1_n AS BIGINT) - 1) OVER (PARTITION BY c1.user_id ORDER BY c1.k) AS kc
    FROM c1 SEMI JOIN c1_users USING (user_id)
  ) w
  WHERE w.kc IS NOT NULL
  GROUP BY w.user_id
),
u AS (
  SELECT user_id, p0, p1, p2
  FROM u0 FULL JOIN c0_runs USING (user_id) FULL JOIN c1_runs USING (user_id)
),
attrs AS (
  SELECT u.user_id,
    u.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.device_type = $dyn_a0_value

    ) AS a0
  FROM users u WHERE u.user_id IN (SELECT e.user_id FROM u e)
),
m AS (
  SELECT (CASE WHEN attrs.a0 THEN 1073741823 ELSE 0 END & ((coalesce(u.p0, 0)) & (~(coalesce(u.p1, 0)) & 1073741823)) & (~(CASE WHEN u.p2 IS NULL THEN 0 ELSE CASE WHEN greatest(u.p2 + -13, 0) <= least(29, 29) THEN (1::BIGINT << (least(29, 29) + 1)) - (1::BIGINT << greatest(u.p2 + -13, 0)) ELSE 0 END END) & 1073741823)) AS mask, count(*) AS c
  FROM u LEFT JOIN attrs ON attrs.user_id = u.user_id
  GROUP BY 1
)
SELECT r.i::INTEGER AS point, coalesce(sum(m.c) FILTER (WHERE ((m.mask >> r.i) & 1) = 1), 0)::BIGINT AS n
FROM range(0, 30) r(i) LEFT JOIN m ON TRUE
GROUP BY r.i
ORDER BY 1
