-- shape: filter
-- A plain filtered scan of users; zone maps on age do little since users are stored in id order.
SELECT user_id FROM users WHERE age BETWEEN 18 AND 24 ORDER BY user_id
