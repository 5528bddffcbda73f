SELECT user_id FROM users WHERE ((isNull(age) OR NOT (assumeNotNull(age) < 18)) OR ((isNull(location) OR NOT (assumeNotNull(location) = 'California')) AND isNotNull(device_type))) ORDER BY user_id
