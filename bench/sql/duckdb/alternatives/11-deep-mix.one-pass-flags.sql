WITH f AS (
  SELECT user_id,
    bool_or(event_name = 'LOGIN') AS has_login,
    count(*) FILTER (WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY) AS p30,
    bool_or(event_name = 'ADDED_TO_CART') AS has_cart,
    bool_or(event_name = 'PURCHASE_MADE') AS has_purchase,
    count(DISTINCT "timestamp"::DATE) FILTER (WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf}} - INTERVAL 30 DAY) AS login_days,
    min("timestamp") FILTER (WHERE event_name = 'PURCHASE_MADE') AS first_purchase

  FROM events
  WHERE event_name IN ('LOGIN', 'PURCHASE_MADE', 'ADDED_TO_CART') AND "timestamp" < {{asOf}}
  GROUP BY user_id)
SELECT u.user_id FROM users u LEFT JOIN f ON f.user_id = u.user_id
WHERE ((u.location = 'California' AND coalesce(f.has_login, false)) OR coalesce(f.p30, 0) >= 3 OR u.subscription_plan IN ('Premium', 'Enterprise'))
  AND NOT (coalesce(f.has_cart, false) AND NOT coalesce(f.has_purchase, false))
  AND (u.age BETWEEN 18 AND 44 OR coalesce(f.login_days, 0) < 5)
  AND (coalesce(f.first_purchase >= {{asOf}} - INTERVAL 7 DAY, false) OR u.device_type IN ('iOS', 'Android'))
ORDER BY u.user_id
