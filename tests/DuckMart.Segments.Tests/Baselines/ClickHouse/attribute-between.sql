SELECT user_id FROM users WHERE (isNotNull(age) AND (assumeNotNull(age) >= 25 AND assumeNotNull(age) <= 34)) ORDER BY user_id
