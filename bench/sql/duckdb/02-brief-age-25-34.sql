-- shape: filter
-- A plain filtered scan of users.
SELECT user_id FROM users WHERE age BETWEEN 25 AND 34 ORDER BY user_id
