-- Random existing identity per request.
local n = tonumber(os.getenv("IDENTITIES") or "1000000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", string.format("/identity/B%07d", math.random(1, n)))
end
