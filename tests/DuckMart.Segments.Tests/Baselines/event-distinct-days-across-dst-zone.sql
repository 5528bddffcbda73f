-- $change = 2025-11-02T06:00:00
-- $offset = -14400000000
-- $offset_1 = -18000000000
-- $eventName = 'LOGIN'
-- $from = 2025-10-01T04:00:00
-- $before = 2025-12-01T05:00:00
-- $count = 5

SELECT
	t1.Key_1
FROM
	(
		SELECT DISTINCT
			g_1.user_id as Key_1,
			CAST(g_1."timestamp" + to_microseconds(CAST(CASE
				WHEN g_1."timestamp" < $change THEN $offset
				ELSE $offset_1
			END AS BIGINT)) AS DATE) as Day_1
		FROM
			"events" g_1
		WHERE
			g_1.event_name = $eventName AND g_1."timestamp" >= $from AND
			g_1."timestamp" < $before
	) t1
GROUP BY
	t1.Key_1
HAVING
	COUNT(*) >= $count
ORDER BY
	t1.Key_1
