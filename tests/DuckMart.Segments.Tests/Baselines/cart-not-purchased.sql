-- $eventName = 'ADDED_TO_CART'
-- $from = 2025-12-24T00:00:00
-- $before = 2025-12-31T00:00:00
-- $eventName_1 = 'PURCHASE_MADE'

SELECT
	x.user_id
FROM
	"events" x
WHERE
	x.event_name = $eventName AND
	x."timestamp" >= $from AND
	x."timestamp" < $before AND
	x.user_id NOT IN (
		SELECT
			x_1.user_id
		FROM
			"events" x_1
		WHERE
			x_1.event_name = $eventName_1 AND x_1."timestamp" >= $from AND
			x_1."timestamp" < $before
	)
GROUP BY
	x.user_id
HAVING
	COUNT(*) >= 1
ORDER BY
	x.user_id
