-- wrk script for bench/load.sh: POST one letter to /api/v1/check as raw
-- text, and print p99 latency and non-2xx answers in a form load.sh reads.
local path = os.getenv("LETTER")
local f = assert(io.open(path, "rb"), "cannot open LETTER=" .. tostring(path))
wrk.method = "POST"
wrk.path = "/api/v1/check"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
