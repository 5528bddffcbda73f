-- shape: fused
-- Both event conditions in one GROUP BY pass over the union of their rows (COUNT(*) FILTER), then the users join.
SELECT u.user_id FROM users u
SEMI JOIN (SELECT user_id
  FROM events
  WHERE event_name IN ('LOGIN', 'PURCHASE_MADE') AND "timestamp" >= {{asOf-P30D}} AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) FILTER (WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf-P14D}}) >= 2
     AND count(*) FILTER (WHERE event_name = 'PURCHASE_MADE') = 0) f ON f.user_id = u.user_id
WHERE (u.age < 30 OR u.subscription_plan = 'Premium')
ORDER BY u.user_id
