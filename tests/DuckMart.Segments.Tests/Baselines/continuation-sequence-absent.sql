-- $after = 1000
-- $through = 2001
-- $from = 2025-12-01T00:00:00
-- $before = 2025-12-31T00:00:00
-- $range_after = 1000
-- $range_through = 2001
-- $step1 = 'VIEW_PRODUCT'
-- $step2 = 'ADDED_TO_CART'
-- $within2 = 3600000000
-- $step3 = 'PURCHASE_MADE'
-- $asOf = 2025-12-31T00:00:00
-- $within3 = 86400000000
-- $take = 1001

SELECT
	u.user_id
FROM
	users u
WHERE
	u.user_id > $after AND u.user_id <= $through AND u.user_id IN (
		SELECT
			g_1.user_id
		FROM
			
				(WITH s1 AS (SELECT user_id, "timestamp" AS t FROM events WHERE event_name = CAST($step1 AS VARCHAR) AND "timestamp" >= CAST($from AS TIMESTAMP) AND "timestamp" < CAST($before AS TIMESTAMP) AND user_id > CAST($range_after AS BIGINT) AND user_id <= CAST($range_through AS BIGINT)),
				s2 AS (SELECT e.user_id, e.t FROM (SELECT user_id, "timestamp" AS t FROM events WHERE event_name = CAST($step2 AS VARCHAR) AND "timestamp" >= CAST($from AS TIMESTAMP) AND "timestamp" < CAST($before AS TIMESTAMP) AND user_id > CAST($range_after AS BIGINT) AND user_id <= CAST($range_through AS BIGINT)) e SEMI JOIN s1 p ON e.user_id = p.user_id AND e.t > p.t AND epoch_us(e.t) <= epoch_us(p.t) + CAST($within2 AS BIGINT))
				SELECT p.user_id FROM s2 p ANTI JOIN (SELECT user_id, "timestamp" AS t FROM events WHERE event_name = CAST($step3 AS VARCHAR) AND "timestamp" < CAST($asOf AS TIMESTAMP) AND user_id > CAST($range_after AS BIGINT) AND user_id <= CAST($range_through AS BIGINT)) n ON p.user_id = n.user_id AND n.t > p.t AND epoch_us(n.t) <= epoch_us(p.t) + CAST($within3 AS BIGINT))
 g_1
		GROUP BY
			g_1.user_id
		HAVING
			COUNT(*) >= 1
	)
ORDER BY
	u.user_id
LIMIT $take
