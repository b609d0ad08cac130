-- Token buckets, checked and taken together: a request passes only when every bucket in KEYS
-- holds a whole token, and then it takes one from each.
-- ARGV: for bucket i, ARGV[2i-1] = capacity and ARGV[2i] = microseconds to refill one token.
-- Returns 0 when allowed, otherwise the whole seconds until every bucket has a token again.
-- Redis's own clock is used so that all service nodes agree on time.
if redis.replicate_commands then redis.replicate_commands() end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local available = {}
local wait = 0
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i - 1])
  local interval = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = capacity
  if state[1] and state[2] then
    local elapsed = math.max(0, now - tonumber(state[2]))
    tokens = math.min(capacity, tonumber(state[1]) + elapsed / interval)
  end
  available[i] = tokens
  if tokens < 1 then
    local seconds = math.ceil((1 - tokens) * interval / 1000000)
    if seconds > wait then wait = seconds end
  end
end
if wait > 0 then
  return wait
end
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i - 1])
  local interval = tonumber(ARGV[2 * i])
  redis.call('HSET', KEYS[i], 'tokens', string.format('%.6f', available[i] - 1), 'at', string.format('%.0f', now))
  -- A bucket that would be full again carries no information: let it expire then.
  redis.call('PEXPIRE', KEYS[i], math.ceil(capacity * interval / 1000) + 1000)
end
return 0
