-- $eventName = 'PURCHASE_MADE'
-- $from = 2025-10-02T00:00:00
-- $before = 2025-12-31T00:00:00
-- $value = 18

SELECT
	x.user_id
FROM
	"events" x
WHERE
	x.event_name = $eventName AND
	x."timestamp" >= $from AND
	x."timestamp" < $before AND
	x.user_id IN (
		SELECT
			u.user_id
		FROM
			users u
		WHERE
			u.age IS NOT NULL AND CAST(u.age AS BIGINT) >= $value
	)
GROUP BY
	x.user_id
HAVING
	COUNT(*) >= 1
ORDER BY
	x.user_id
