SELECT user_id FROM users WHERE user_id IN (SELECT user_id FROM events_local WHERE timestamp < toDateTime('2025-12-31 00:00:00', 'UTC')) ORDER BY user_id
