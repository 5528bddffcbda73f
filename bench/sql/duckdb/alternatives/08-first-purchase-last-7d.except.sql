SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" >= {{asOf}} - INTERVAL 7 DAY AND "timestamp" < {{asOf}}
  EXCEPT SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}} - INTERVAL 7 DAY
  ORDER BY user_id
