-- $after = 1000
-- $through = 2001
-- $After_1 = 1000
-- $Through_1 = 2001
-- $eventName = 'LOGIN'
-- $from = 2025-12-01T00:00:00
-- $before = 2025-12-31T00:00:00
-- $count = 5
-- $take = 1001

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id > $after AND u.user_id <= $through AND u.user_id IN (
		SELECT
			t1.Key_1
		FROM
			(
				SELECT DISTINCT
					g_1.user_id as Key_1,
					CAST(g_1."timestamp" AS DATE) as Day_1
				FROM
					"events" g_1
				WHERE
					g_1.user_id > $After_1 AND
					g_1.user_id <= $Through_1 AND
					g_1.event_name = $eventName AND
					g_1."timestamp" >= $from AND
					g_1."timestamp" < $before
			) t1
		GROUP BY
			t1.Key_1
		HAVING
			COUNT(*) >= $count
	)
ORDER BY
	u.user_id
LIMIT $take
