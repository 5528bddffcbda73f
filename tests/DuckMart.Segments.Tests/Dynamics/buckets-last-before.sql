-- $dyn_origin = 2025-12-02T00:00:00
-- $dyn_to = 2025-12-31T00:00:00
-- $dyn_name0 = 'LOGIN'
-- $dyn_from = 2025-12-02T00:00:00
-- $dyn_e0 = 'LOGIN'

WITH b AS (
  SELECT e.user_id, e.event_name,
    CASE WHEN e."timestamp" < CAST($dyn_origin AS TIMESTAMP) THEN -1 ELSE (epoch_us(e."timestamp") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // 86400000000 END AS k,
    count(*) AS n, min(e."timestamp") AS mn, max(e."timestamp") AS mx
  FROM events e
  WHERE e."timestamp" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN ($dyn_name0)
  GROUP BY ALL
),
pts AS (
  SELECT range AS point, CAST($dyn_from AS TIMESTAMP) + to_microseconds(range * 86400000000) AS t FROM range(0, 30)
),
agg AS (
  SELECT b.user_id, pts.point, pts.t,
    max(b.mx) FILTER (WHERE b.event_name = $dyn_e0) AS v0
  FROM b JOIN pts ON b.k < 0 + pts.point
  GROUP BY b.user_id, pts.point, pts.t
),
per_point AS (
  SELECT agg.point, count(*) FILTER (WHERE coalesce(agg.v0 < (agg.t - to_microseconds(2592000000000)), false)) AS inside, count(*) FILTER (WHERE FALSE) AS inside_empty
  FROM agg
  GROUP BY agg.point
)
SELECT pts.point::INTEGER AS point, (coalesce(per_point.inside, 0) - coalesce(per_point.inside_empty, 0) + 0)::BIGINT AS n
FROM pts LEFT JOIN per_point ON per_point.point = pts.point
ORDER BY 1
