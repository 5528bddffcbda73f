-- $eventName = 'ADDED_TO_CART'
-- $before = 2025-12-31T00:00:00
-- $eventName_1 = 'PURCHASE_MADE'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id NOT IN (
		SELECT
			x.user_id
		FROM
			"events" x
		WHERE
			x.event_name = $eventName AND x."timestamp" < $before
		EXCEPT
		SELECT
			x_1.user_id
		FROM
			"events" x_1
		WHERE
			x_1.event_name = $eventName_1 AND x_1."timestamp" < $before
	)
ORDER BY
	u.user_id
