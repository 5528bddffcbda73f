SELECT user_id FROM users WHERE (isNull(age) OR NOT (assumeNotNull(age) > 20)) ORDER BY user_id
