-- fetch_bulk with 100 random existing identities per request.
local n = tonumber(os.getenv("IDENTITIES") or "1000000")
math.randomseed(os.time())
request = function()
  local ids = {}
  for i = 1, 100 do ids[i] = string.format("\"B%07d\"", math.random(1, n)) end
  return wrk.format("POST", "/identity/fetch_bulk", {["Content-Type"] = "application/json"},
    "{\"identities\":[" .. table.concat(ids, ",") .. "]}")
end
