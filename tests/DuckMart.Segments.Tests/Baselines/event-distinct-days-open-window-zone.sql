-- $zone = 'America/New_York'
-- $eventName = 'LOGIN'
-- $before = 2025-12-31T00:00:00
-- $count = 5

SELECT
	t1.Key_1
FROM
	(
		SELECT DISTINCT
			g_1.user_id as Key_1,
			CAST(timezone(CAST($zone AS VARCHAR), timezone('UTC', g_1."timestamp")) AS DATE) as Day_1
		FROM
			"events" g_1
		WHERE
			g_1.event_name = $eventName AND g_1."timestamp" < $before
	) t1
GROUP BY
	t1.Key_1
HAVING
	COUNT(*) >= $count
ORDER BY
	t1.Key_1
