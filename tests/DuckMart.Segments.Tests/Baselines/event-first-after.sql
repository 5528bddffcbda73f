-- $eventName = 'PURCHASE_MADE'
-- $before = 2025-12-31T00:00:00
-- $from = 2025-12-24T00:00:00
-- $notBefore = 2025-12-24T00:00:00

SELECT
	x.user_id
FROM
	"events" x
WHERE
	x.event_name = $eventName AND x."timestamp" < $before AND
	x.user_id IN (
		SELECT
			x_1.user_id
		FROM
			"events" x_1
		WHERE
			x_1.event_name = $eventName AND x_1."timestamp" >= $from AND
			x_1."timestamp" < $before
		GROUP BY
			x_1.user_id
		HAVING
			COUNT(*) >= 1
	)
GROUP BY
	x.user_id
HAVING
	MIN(x."timestamp") >= $notBefore
ORDER BY
	x.user_id
