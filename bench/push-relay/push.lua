-- POST /push as Threema Web sends it (FCM, ttl and collapse key set).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "type=fcm&token=bench-device-token&session=" .. string.rep("ab", 32) .. "&version=5&ttl=90&collapse_key=wakeup"
