-- $value = 'California'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.location = $value
ORDER BY
	u.user_id
