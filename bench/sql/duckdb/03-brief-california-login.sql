SELECT u.user_id FROM users u SEMI JOIN events e ON e.user_id = u.user_id AND e.event_name = 'LOGIN' AND e."timestamp" < {{asOf}} WHERE u.location = 'California' ORDER BY u.user_id
