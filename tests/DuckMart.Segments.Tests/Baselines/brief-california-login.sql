-- $eventName = 'LOGIN'
-- $before = 2025-12-31T00:00:00
-- $value = 'California'

SELECT
	x.user_id
FROM
	"events" x
WHERE
	x.event_name = $eventName AND x."timestamp" < $before AND
	x.user_id IN (
		SELECT
			u.user_id
		FROM
			users u
		WHERE
			u.location = $value
	)
GROUP BY
	x.user_id
HAVING
	COUNT(*) >= 1
ORDER BY
	x.user_id
