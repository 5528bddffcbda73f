-- $value = 'California'
-- $eventName = 'LOGIN'
-- $before = 2025-12-31T00:00:00

SELECT
	u.user_id
FROM
	users u
WHERE
	u.location = $value AND u.user_id IN (
		SELECT
			x.user_id
		FROM
			"events" x
		WHERE
			x.event_name = $eventName AND x."timestamp" < $before
	)
ORDER BY
	u.user_id
