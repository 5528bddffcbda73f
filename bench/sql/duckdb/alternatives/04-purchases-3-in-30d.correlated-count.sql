SELECT u.user_id
  FROM users u
  WHERE (SELECT count(*)
  FROM events e
  WHERE e.user_id = u.user_id AND e.event_name = 'PURCHASE_MADE' AND e."timestamp" >= {{asOf}} - INTERVAL 30 DAY AND e."timestamp" < {{asOf}}) >= 3
  ORDER BY u.user_id
