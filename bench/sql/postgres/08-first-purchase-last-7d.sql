-- shape: group-having
-- min per user over the index.
SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING min("timestamp") >= {{asOf}} - INTERVAL '7 days'
  ORDER BY user_id
