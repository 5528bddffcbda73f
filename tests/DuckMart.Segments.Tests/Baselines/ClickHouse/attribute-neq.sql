SELECT user_id FROM users WHERE (isNull(location) OR NOT (assumeNotNull(location) = 'California')) ORDER BY user_id
