-- shape: cte-in
-- Each event condition once as an uncorrelated CTE, combined over users with IN / NOT IN (user_id is never NULL, so NOT IN is safe).
WITH ca_login AS (SELECT u.user_id
  FROM users u
  SEMI JOIN events e ON e.user_id = u.user_id AND e.event_name = 'LOGIN' AND e."timestamp" < {{asOf}}
  WHERE u.location = 'California'),
p3 AS (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 3),
cart_never AS (SELECT user_id
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}}
  EXCEPT SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}}),
d5 AS (SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(DISTINCT "timestamp"::DATE) >= 5),
fp AS (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING min("timestamp") >= {{asOf}} - INTERVAL 7 DAY)
SELECT u.user_id FROM users u
WHERE (u.user_id IN (SELECT user_id
  FROM ca_login)
  OR u.user_id IN (SELECT user_id
  FROM p3) OR u.subscription_plan IN ('Premium', 'Enterprise'))
  AND u.user_id NOT IN (SELECT user_id FROM cart_never)
  AND (u.age BETWEEN 18 AND 44 OR u.user_id NOT IN (SELECT user_id FROM d5))
  AND (u.user_id IN (SELECT user_id FROM fp) OR u.device_type IN ('iOS', 'Android'))
ORDER BY u.user_id
