
SELECT
	u.user_id
FROM
	users u
WHERE
	u.gender IS NULL
ORDER BY
	u.user_id
