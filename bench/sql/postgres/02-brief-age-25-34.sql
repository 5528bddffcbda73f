-- shape: filter
-- users(age) index or a sequential scan, as the planner likes.
SELECT user_id FROM users WHERE age BETWEEN 25 AND 34 ORDER BY user_id
