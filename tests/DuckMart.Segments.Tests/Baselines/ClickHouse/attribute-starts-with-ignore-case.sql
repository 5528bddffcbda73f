SELECT user_id FROM users WHERE (isNotNull(name) AND startsWith(lowerUTF8(assumeNotNull(name)), 'ann')) ORDER BY user_id
