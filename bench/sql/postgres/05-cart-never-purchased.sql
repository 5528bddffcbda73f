-- shape: not-exists
-- Index-only anti-join probes; EXCEPT sorts both sides.
SELECT DISTINCT c.user_id
  FROM events c
  WHERE c.event_name = 'ADDED_TO_CART' AND c."timestamp" < {{asOf}}
  AND NOT EXISTS (SELECT 1
  FROM events p
  WHERE p.event_name = 'PURCHASE_MADE' AND p.user_id = c.user_id AND p."timestamp" < {{asOf}})
  ORDER BY c.user_id
