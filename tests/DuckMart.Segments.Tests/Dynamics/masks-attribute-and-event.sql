-- $dyn_a0_value = 'California'
-- $dyn_origin = 2025-12-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_name0 = 'LOGIN'
-- $dyn_s0 = 'LOGIN'

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
	u.location = $dyn_a0_value

    )
),
u AS (
  SELECT ev.user_id,
    min(ev.k) FILTER (WHERE ev.event_name = CAST($dyn_s0 AS VARCHAR)) AS p0
  FROM ev
  GROUP BY ev.user_id
),
attrs AS (
  SELECT u.user_id,
    u.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.location = $dyn_a0_value

    ) AS a0
  FROM users u WHERE u.user_id IN (SELECT e.user_id FROM u e)
),
m AS (
  SELECT (CASE WHEN attrs.a0 THEN 1073741823 ELSE 0 END & (CASE WHEN u.p0 IS NULL THEN 0 ELSE CASE WHEN greatest(u.p0 + 1, 0) <= least(29, 29) THEN (1::BIGINT << (least(29, 29) + 1)) - (1::BIGINT << greatest(u.p0 + 1, 0)) ELSE 0 END END)) AS mask, count(*) AS c
  FROM u LEFT JOIN attrs ON attrs.user_id = u.user_id
  GROUP BY 1
)
SELECT r.i::INTEGER AS point, coalesce(sum(m.c) FILTER (WHERE ((m.mask >> r.i) & 1) = 1), 0)::BIGINT AS n
FROM range(0, 30) r(i) LEFT JOIN m ON TRUE
GROUP BY r.i
ORDER BY 1
