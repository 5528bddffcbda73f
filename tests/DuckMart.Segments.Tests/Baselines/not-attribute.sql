-- $value = 20

SELECT
	u.user_id
FROM
	users u
WHERE
	u.age IS NULL OR CAST(u.age AS BIGINT) <= $value
ORDER BY
	u.user_id
