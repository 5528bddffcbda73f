-- $after = 1000
-- $through = 2001
-- $value = 25
-- $value_1 = 34
-- $take = 1001

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id > $after AND
	u.user_id <= $through AND
	u.age IS NOT NULL AND
	CAST(u.age AS BIGINT) >= $value AND
	CAST(u.age AS BIGINT) <= $value_1
ORDER BY
	u.user_id
LIMIT $take
