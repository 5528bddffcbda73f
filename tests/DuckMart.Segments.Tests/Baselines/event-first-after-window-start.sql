-- $eventName = 'PURCHASE_MADE'
-- $from = 2025-12-24T00:00:00
-- $before = 2025-12-31T00:00:00

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
	COUNT(*) >= 1
ORDER BY
	x.user_id
