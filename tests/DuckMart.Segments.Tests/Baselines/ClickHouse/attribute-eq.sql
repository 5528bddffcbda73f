SELECT user_id FROM users WHERE (isNotNull(location) AND assumeNotNull(location) = 'California') ORDER BY user_id
