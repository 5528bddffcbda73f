SELECT user_id
  FROM events
  WHERE event_name IN ('ADDED_TO_CART', 'PURCHASE_MADE') AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING bool_and(event_name = 'ADDED_TO_CART')
  ORDER BY user_id
