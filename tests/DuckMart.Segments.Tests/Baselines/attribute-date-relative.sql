-- $value = 2025-12-01

SELECT
	u.user_id
FROM
	users u
WHERE
	u.signup_date IS NOT NULL AND u.signup_date >= $value
ORDER BY
	u.user_id
