-- shape: filter
-- users(age) index or a sequential scan, as the planner likes.
SELECT user_id FROM users WHERE age BETWEEN 18 AND 24 ORDER BY user_id
