-- $value = 'ios'
-- $value_1 = 'android'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.device_type IS NOT NULL AND (Lower(u.device_type) = $value OR Lower(u.device_type) = $value_1)
ORDER BY
	u.user_id
