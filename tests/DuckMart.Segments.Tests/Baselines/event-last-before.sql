-- $eventName = 'LOGIN'
-- $before = 2025-12-31T00:00:00
-- $before_1 = 2025-12-01T00:00:00

SELECT
	x.user_id
FROM
	"events" x
WHERE
	x.event_name = $eventName AND x."timestamp" < $before
GROUP BY
	x.user_id
HAVING
	MAX(x."timestamp") < $before_1
ORDER BY
	x.user_id
