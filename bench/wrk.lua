-- wrk script for every target: the same request, the bearer key rotating per request.
-- Arguments (after --): <request file> [stop after N responses].
-- The request file is a Lua chunk written by bench/load.ts:
--   return { method = "POST", path = "/v1/...", body = "...", headers = { ["name"] = "value" }, keys = { "sib-..." } }
-- done() prints one JSON line with the counts and latency percentiles in microseconds.

local prepared = {}
local index = 0

function init(args)
  local spec = dofile(args[1])
  for _, key in ipairs(spec.keys) do
    local headers = {}
    for name, value in pairs(spec.headers) do headers[name] = value end
    headers["Authorization"] = "Bearer " .. key
    prepared[#prepared + 1] = wrk.format(spec.method, spec.path, headers, spec.body)
  end
  local limit = tonumber(args[2])
  if limit then
    local seen = 0
    -- Defined only for counted runs: a response() hook costs wrk some speed.
    function response(status, headers, body)
      seen = seen + 1
      if seen == limit then
        wrk.thread:stop()
        io.write("limit reached\n")
        io.flush()
      end
    end
  end
end

function request()
  index = index % #prepared + 1
  return prepared[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\n{"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
