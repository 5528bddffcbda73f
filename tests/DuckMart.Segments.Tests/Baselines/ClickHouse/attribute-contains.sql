SELECT user_id FROM users WHERE (isNotNull(name) AND position(assumeNotNull(name), '50%_off') > 0) ORDER BY user_id
