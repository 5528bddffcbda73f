-- $values = '["region 1","region 2","region 3","region 4","region 5","region 6","region 7","region 8","region 9","region 10"]'

SELECT
	u.user_id
FROM
	users u
WHERE
	u.location IS NULL OR Lower(u.location) NOT IN (
		SELECT
			i."value"
		FROM
			(
				SELECT unnest(from_json(CAST($values AS VARCHAR), '["VARCHAR"]')) AS value
			) i
	)
ORDER BY
	u.user_id
