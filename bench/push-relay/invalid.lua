-- Baseline: the same endpoint with a request the relay refuses before any provider call (400).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "type=none&token=bench-device-token&session=" .. string.rep("ab", 32) .. "&version=5"
