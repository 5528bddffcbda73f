-- $before = 2025-12-31T00:00:00
-- $step1 = 'ADDED_TO_CART'
-- $step2 = 'PURCHASE_MADE'
-- $asOf = 2025-12-31T00:00:00
-- $within2 = 604800000000

SELECT
	g_1.user_id
FROM
	
		(WITH s1 AS (SELECT user_id, "timestamp" AS t FROM events WHERE event_name = CAST($step1 AS VARCHAR) AND "timestamp" < CAST($before AS TIMESTAMP))
		SELECT p.user_id FROM s1 p ANTI JOIN (SELECT user_id, "timestamp" AS t FROM events WHERE event_name = CAST($step2 AS VARCHAR) AND "timestamp" < CAST($asOf AS TIMESTAMP)) n ON p.user_id = n.user_id AND n.t > p.t AND epoch_us(n.t) <= epoch_us(p.t) + CAST($within2 AS BIGINT))
 g_1
GROUP BY
	g_1.user_id
HAVING
	COUNT(*) >= 1
ORDER BY
	g_1.user_id
