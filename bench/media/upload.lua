-- wrk script: uploads BLOB_FILE, either to Parley (MODE=parley, Android's multipart shape)
-- or to nginx WebDAV (MODE=dav, a plain PUT of the same bytes).
local f = assert(io.open(os.getenv("BLOB_FILE"), "rb"))
local data = f:read("*a")
f:close()

if os.getenv("MODE") == "parley" then
  local b = "---------------------------Boundary_Line"
  wrk.method = "POST"
  wrk.path = "/upload?persist=0"
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
  wrk.body = "--" .. b .. "\r\n"
    .. "Content-Disposition: form-data; name=\"blob\"; filename=\"blob.bin\"\r\n"
    .. "Content-Type: application/octet-stream\r\n\r\n"
    .. data .. "\r\n--" .. b .. "--\r\n"
else
  -- A fresh path per request: concurrent PUTs to one path make nginx answer 409/500.
  wrk.method = "PUT"
  wrk.body = data
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
  end
  local n = 0
  function request()
    n = n + 1
    return wrk.format(nil, "/dav/" .. tid .. "-" .. n .. ".bin")
  end
end
