SELECT user_id FROM users WHERE (isNotNull(signup_date) AND toInt32(assumeNotNull(signup_date)) >= 20423) ORDER BY user_id
