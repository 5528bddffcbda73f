-- $eventName = 'PURCHASE_MADE'
-- $from = 2025-10-02T00:00:00
-- $before = 2025-12-31T00:00:00
-- $value = 18

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id IN (
		SELECT
			x.user_id
		FROM
			"events" x
		WHERE
			x.event_name = $eventName AND x."timestamp" >= $from AND
			x."timestamp" < $before
	) AND
	u.age IS NOT NULL AND CAST(u.age AS BIGINT) >= $value
ORDER BY
	u.user_id
