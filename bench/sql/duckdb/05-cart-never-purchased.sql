-- shape: except
-- Two uncorrelated scans and a set difference; correlated EXISTS pairs were several times slower.
SELECT user_id
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}}
  EXCEPT SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}}
  ORDER BY user_id
