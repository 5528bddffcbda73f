-- $value = 'Free'
-- $value_1 = 'Premium'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.subscription_plan IS NULL OR NOT (u.subscription_plan = $value OR u.subscription_plan = $value_1)
ORDER BY
	u.user_id
