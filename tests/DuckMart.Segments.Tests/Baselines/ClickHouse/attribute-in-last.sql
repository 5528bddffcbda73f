SELECT user_id FROM users WHERE (isNotNull(signup_date) AND (toInt32(assumeNotNull(signup_date)) > 20439 AND toInt32(assumeNotNull(signup_date)) <= 20453)) ORDER BY user_id
