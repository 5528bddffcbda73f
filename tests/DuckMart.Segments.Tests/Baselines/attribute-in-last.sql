-- $value = 2025-12-17
-- $value_1 = 2025-12-31

SELECT
	u.user_id
FROM
	users u
WHERE
	u.signup_date IS NOT NULL AND u.signup_date > $value AND
	u.signup_date <= $value_1
ORDER BY
	u.user_id
