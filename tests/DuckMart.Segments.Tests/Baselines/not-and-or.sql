-- $value = 18
-- $value_1 = 'California'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.age IS NULL OR CAST(u.age AS BIGINT) >= $value OR
	(u.location IS NULL OR u.location <> $value_1) AND u.device_type IS NOT NULL
ORDER BY
	u.user_id
