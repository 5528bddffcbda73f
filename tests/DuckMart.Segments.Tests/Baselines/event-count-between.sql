-- $eventName = 'LOGIN'
-- $from = 2025-05-01T00:00:00
-- $before = 2025-06-01T00:00:00
-- $low = 2
-- $high = 5

SELECT
	x.user_id
FROM
	"events" x
WHERE
	x.event_name = $eventName AND x."timestamp" >= $from AND
	x."timestamp" < $before
GROUP BY
	x.user_id
HAVING
	COUNT(*) >= $low AND COUNT(*) <= $high
ORDER BY
	x.user_id
