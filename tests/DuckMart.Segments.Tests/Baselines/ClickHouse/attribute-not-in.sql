SELECT user_id FROM users WHERE (isNull(subscription_plan) OR NOT assumeNotNull(subscription_plan) IN ('Free', 'Premium')) ORDER BY user_id
