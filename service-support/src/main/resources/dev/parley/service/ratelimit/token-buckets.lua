-- Token buckets for a batch of requests, decided in order: a request passes only when each of its
-- buckets holds a whole token, and then it takes one from each. A refused request takes nothing.
-- KEYS: the distinct bucket keys of the batch.
-- ARGV[1]: how many requests. Then per request: its bucket count n, and n triples
--   (index into KEYS, capacity, microseconds to refill one token).
-- Returns per request 0 when allowed, otherwise the whole seconds until each of its buckets has a
-- token again. Redis's own clock is used so that all service nodes agree on time.
if redis.replicate_commands then redis.replicate_commands() end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tokens = {}
local expiry = {}
local function level(k, capacity, interval)
  local t = tokens[k]
  if t == nil then
    local state = redis.call('HMGET', KEYS[k], 'tokens', 'at')
    t = capacity
    if state[1] and state[2] then
      t = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) / interval)
    end
    tokens[k] = t
  end
  return t
end
local results = {}
local at = 2
for r = 1, tonumber(ARGV[1]) do
  local n = tonumber(ARGV[at])
  at = at + 1
  local wait = 0
  for i = at, at + 3 * (n - 1), 3 do
    local interval = tonumber(ARGV[i + 2])
    local t = level(tonumber(ARGV[i]), tonumber(ARGV[i + 1]), interval)
    if t < 1 then
      local seconds = math.ceil((1 - t) * interval / 1000000)
      if seconds > wait then wait = seconds end
    end
  end
  if wait == 0 then
    for i = at, at + 3 * (n - 1), 3 do
      local k = tonumber(ARGV[i])
      tokens[k] = tokens[k] - 1
      -- A bucket that would be full again carries no information: let it expire then.
      expiry[k] = math.ceil(tonumber(ARGV[i + 1]) * tonumber(ARGV[i + 2]) / 1000) + 1000
    end
  end
  results[r] = wait
  at = at + 3 * n
end
for k, ms in pairs(expiry) do
  redis.call('HSET', KEYS[k], 'tokens', string.format('%.6f', tokens[k]), 'at', string.format('%.0f', now))
  redis.call('PEXPIRE', KEYS[k], ms)
end
return results
