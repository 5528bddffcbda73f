-- $value = 'California'
-- $eventName = 'LOGIN'
-- $before = 2025-12-31T00:00:00
-- $eventName_1 = 'PURCHASE_MADE'
-- $from = 2025-12-01T00:00:00
-- $count = 3

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id IN (
		SELECT
			u_1.user_id
		FROM
			users u_1
		WHERE
			u_1.location = $value AND u_1.user_id IN (
				SELECT
					x.user_id
				FROM
					"events" x
				WHERE
					x.event_name = $eventName AND x."timestamp" < $before
			)
	) OR
	u.user_id IN (
		SELECT
			x_1.user_id
		FROM
			"events" x_1
		WHERE
			x_1.event_name = $eventName_1 AND x_1."timestamp" >= $from AND
			x_1."timestamp" < $before
		GROUP BY
			x_1.user_id
		HAVING
			COUNT(*) >= $count
	)
ORDER BY
	u.user_id
