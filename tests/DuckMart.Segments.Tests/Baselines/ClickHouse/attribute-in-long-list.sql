SELECT user_id FROM users WHERE user_id IN (7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84) ORDER BY user_id
