-- shape: group-having
-- min(timestamp) per user in one aggregate; no window: 'first' is over every event before asOf.
SELECT user_id
  FROM events
  WHERE event_name = 'PURCHASE_MADE' AND "timestamp" < {{asOf}}
  GROUP BY user_id
  HAVING min("timestamp") >= {{asOf}} - INTERVAL 7 DAY
  ORDER BY user_id
