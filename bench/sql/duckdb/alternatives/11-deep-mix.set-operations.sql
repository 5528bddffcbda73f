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
(SELECT user_id
  FROM ca_login
  UNION SELECT user_id
  FROM p3
  UNION SELECT user_id
  FROM users
  WHERE subscription_plan IN ('Premium', 'Enterprise'))
INTERSECT (SELECT user_id FROM users EXCEPT SELECT user_id FROM cart_never)
INTERSECT (SELECT user_id
  FROM users
  WHERE age BETWEEN 18 AND 44
  UNION (SELECT user_id
  FROM users
  EXCEPT SELECT user_id
  FROM d5))
INTERSECT (SELECT user_id FROM fp UNION SELECT user_id FROM users WHERE device_type IN ('iOS', 'Android'))
ORDER BY user_id
