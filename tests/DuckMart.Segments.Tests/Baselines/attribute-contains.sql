-- $value = '%50~%~_off%'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.name IS NOT NULL AND u.name LIKE $value ESCAPE '~'
ORDER BY
	u.user_id
