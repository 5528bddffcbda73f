-- $dyn_a0_value = 'California'
-- $dyn_origin = 2025-12-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_name0 = 'LOGIN'
-- $dyn_d0_in = 'LOGIN'

WITH b AS (
  SELECT e.user_id, e.event_name,
    CASE WHEN e."timestamp" < CAST($dyn_origin AS TIMESTAMP) THEN -1 ELSE (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 END AS k,
    count(*) AS n, min(e."timestamp") AS mn, max(e."timestamp") AS mx
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN ($dyn_name0)
    AND e.user_id IN (
SELECT
	u.user_id
FROM
	users u
WHERE
	u.location = $dyn_a0_value

    )
  GROUP BY ALL
),
d AS (
  SELECT b.user_id, b.k + 1 AS j, CASE WHEN b.event_name = $dyn_d0_in THEN b.n ELSE 0 END AS d0 FROM b
),
bp AS (
  SELECT user_id, j, sum(d0) AS d0
  FROM d GROUP BY user_id, j
),
agg AS (
  SELECT user_id, j, coalesce(lead(j) OVER w, 30) AS next_j, sum(d0) OVER w AS v0
  FROM bp
  WINDOW w AS (PARTITION BY user_id ORDER BY j)
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
  FROM users u
),
stretch AS (
  SELECT greatest(agg.j, 0) AS s, least(agg.next_j, 30) AS e,
    (CASE WHEN (attrs.a0 AND agg.v0 >= 1) THEN 1 ELSE 0 END) - (CASE WHEN FALSE THEN 1 ELSE 0 END) AS w
  FROM agg JOIN attrs ON attrs.user_id = agg.user_id
  WHERE agg.next_j > 0 AND agg.j < 30
),
histogram AS (
  SELECT s AS x, sum(w) AS w FROM stretch WHERE w <> 0 GROUP BY s
  UNION ALL
  SELECT e, -sum(w) FROM stretch WHERE w <> 0 GROUP BY e
)
SELECT pts.point::INTEGER AS point, (0 + coalesce(sum(histogram.w), 0))::BIGINT AS n
FROM (SELECT range AS point FROM range(0, 30)) pts LEFT JOIN histogram ON histogram.x <= 0 + pts.point
GROUP BY pts.point
ORDER BY 1
