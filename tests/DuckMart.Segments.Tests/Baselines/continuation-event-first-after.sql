-- $after = 1000
-- $through = 2001
-- $After_1 = 1000
-- $Through_1 = 2001
-- $eventName = 'PURCHASE_MADE'
-- $before = 2025-12-31T00:00:00
-- $from = 2025-12-24T00:00:00
-- $notBefore = 2025-12-24T00:00:00
-- $take = 1001

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id > $after AND u.user_id <= $through AND u.user_id IN (
		SELECT
			e.user_id
		FROM
			"events" e
		WHERE
			e.user_id > $After_1 AND
			e.user_id <= $Through_1 AND
			e.event_name = $eventName AND
			e."timestamp" < $before AND
			e.user_id IN (
				SELECT
					e_1.user_id
				FROM
					"events" e_1
				WHERE
					e_1.user_id > $After_1 AND
					e_1.user_id <= $Through_1 AND
					e_1.event_name = $eventName AND
					e_1."timestamp" >= $from AND
					e_1."timestamp" < $before
				GROUP BY
					e_1.user_id
				HAVING
					COUNT(*) >= 1
			)
		GROUP BY
			e.user_id
		HAVING
			MIN(e."timestamp") >= $notBefore
	)
ORDER BY
	u.user_id
LIMIT $take
