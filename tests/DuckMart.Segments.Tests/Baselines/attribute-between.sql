-- $value = 25
-- $value_1 = 34

SELECT
	u.user_id
FROM
	users u
WHERE
	u.age IS NOT NULL AND CAST(u.age AS BIGINT) >= $value AND
	CAST(u.age AS BIGINT) <= $value_1
ORDER BY
	u.user_id
