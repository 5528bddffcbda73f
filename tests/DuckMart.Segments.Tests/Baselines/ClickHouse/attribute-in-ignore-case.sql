SELECT user_id FROM users WHERE (isNotNull(device_type) AND lowerUTF8(assumeNotNull(device_type)) IN ('ios', 'android')) ORDER BY user_id
