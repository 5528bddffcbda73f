-- $value = 'ann%'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.name IS NOT NULL AND Lower(u.name) LIKE $value ESCAPE '~'
ORDER BY
	u.user_id
