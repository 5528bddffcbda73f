-- shape: in-not-exists
-- The attribute or filters users once; the count is an uncorrelated GROUP BY, the negation an index-only NOT EXISTS probe.
SELECT u.user_id FROM users u
WHERE (u.age < 30 OR u.subscription_plan = 'Premium')
  AND u.user_id IN (SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf-P14D}} AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 2)
  AND NOT EXISTS (SELECT 1
  FROM events p
  WHERE p.event_name = 'PURCHASE_MADE' AND p.user_id = u.user_id AND p."timestamp" >= {{asOf-P30D}} AND p."timestamp" < {{asOf}})
ORDER BY u.user_id
