SELECT DISTINCT c.user_id
  FROM (SELECT user_id
  FROM events
  WHERE event_name = 'ADDED_TO_CART' AND "timestamp" < {{asOf}}) c
  ANTI JOIN (SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}}) p ON c.user_id = p.user_id
  ORDER BY c.user_id
