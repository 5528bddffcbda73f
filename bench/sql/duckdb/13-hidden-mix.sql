-- shape: in-not-in
-- The attribute or filters users once; the two event sets are uncorrelated scans probed by IN / NOT IN.
SELECT u.user_id FROM users u
WHERE (u.age < 30 OR u.subscription_plan = 'Premium')
  AND u.user_id IN (SELECT user_id
  FROM events
  WHERE event_name = 'LOGIN' AND "timestamp" >= {{asOf-P14D}} AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING count(*) >= 2)
  AND u.user_id NOT IN (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf-P30D}} AND "timestamp" < {{asOf}})
ORDER BY u.user_id
