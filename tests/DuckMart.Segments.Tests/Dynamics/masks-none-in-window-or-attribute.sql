-- $dyn_a0_value = 'iOS'
-- $dyn_origin = 2025-11-18T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_name0 = 'LOGIN'
-- $dyn_s0 = 'LOGIN'

WITH attrs AS (
  SELECT u.user_id,
    u.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.device_type = $dyn_a0_value

    ) AS a0
  FROM users u
),
ev AS (
  SELECT e.user_id, e.event_name,
    CASE WHEN e."timestamp" < CAST($dyn_origin AS TIMESTAMP) THEN -1 ELSE (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 END AS k
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e."timestamp" >= CAST($dyn_origin AS TIMESTAMP) AND e.event_name IN (CAST($dyn_name0 AS VARCHAR))
),
u AS (
  SELECT ev.user_id,
    bit_or(CASE WHEN greatest(ev.k + -13, 0) <= least(ev.k + 0, 29) THEN (1::BIGINT << (least(ev.k + 0, 29) + 1)) - (1::BIGINT << greatest(ev.k + -13, 0)) ELSE 0 END) FILTER (WHERE ev.event_name = CAST($dyn_s0 AS VARCHAR)) AS p0
  FROM ev
  GROUP BY ev.user_id
),
m AS (
  SELECT ((~(coalesce(u.p0, 0)) & 1073741823) | CASE WHEN attrs.a0 THEN 1073741823 ELSE 0 END) AS mask, count(*) AS c
  FROM attrs LEFT JOIN u ON u.user_id = attrs.user_id
  GROUP BY 1
)
SELECT r.i::INTEGER AS point, coalesce(sum(m.c) FILTER (WHERE ((m.mask >> r.i) & 1) = 1), 0)::BIGINT AS n
FROM range(0, 30) r(i) LEFT JOIN m ON TRUE
GROUP BY r.i
ORDER BY 1
