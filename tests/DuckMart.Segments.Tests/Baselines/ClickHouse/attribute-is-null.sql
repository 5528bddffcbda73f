SELECT user_id FROM users WHERE isNull(gender) ORDER BY user_id
