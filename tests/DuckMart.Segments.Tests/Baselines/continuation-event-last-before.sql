-- $after = 1000
-- $through = 2001
-- $After_1 = 1000
-- $Through_1 = 2001
-- $eventName = 'LOGIN'
-- $before = 2025-12-31T00:00:00
-- $before_1 = 2025-12-01T00:00:00
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
			e."timestamp" < $before
		GROUP BY
			e.user_id
		HAVING
			MAX(e."timestamp") < $before_1
	)
ORDER BY
	u.user_id
LIMIT $take
