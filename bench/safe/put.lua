-- wrk script: PUT a 64 KiB body (BODY_FILE) to one of 256 backup IDs per request, so the
-- server sees mostly replacements of existing backups, the normal Safe traffic.
local body_file = os.getenv("BODY_FILE")
local f = assert(io.open(body_file, "rb"))
wrk.method = "PUT"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/octet-stream"

local ids = {}
for i = 1, 256 do
  ids[i] = string.format("%08x", i) .. string.rep("5", 56)
end

local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/backups/" .. ids[(counter % #ids) + 1])
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("PUT non-2xx responses: %d\n", non2xx))
end
