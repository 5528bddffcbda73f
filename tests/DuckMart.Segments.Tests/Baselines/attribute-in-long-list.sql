-- $values = '[7,14,21,28,35,42,49,56,63,70,77,84]'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id IN (
		SELECT
			i."value"
		FROM
			(
				SELECT unnest(from_json(CAST($values AS VARCHAR), '["BIGINT"]')) AS value
			) i
	)
ORDER BY
	u.user_id
