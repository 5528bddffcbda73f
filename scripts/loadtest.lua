-- wrk script for scripts/loadtest.sh: a mixed workload of segments and OData queries, each answer's count
-- checked against the two data sets a reload switches between (old = A, new = B). Which query an answer
-- belongs to comes back in the echoed X-Request-Id (wrk does not say which request a response answers).
-- The generated file loadtest-queries.lua defines `queries` ({method, path, body, a, b}) and `api_key`.
dofile(os.getenv("LOADTEST_QUERIES"))

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  counter = 0
  statuses = {}
  old, new, mixed, uncounted = 0, 0, 0, 0
  per_query = {}
end

function request()
  counter = counter + 1
  local i = (counter + tid) % #queries + 1
  local q = queries[i]
  local headers = { ["X-Api-Key"] = api_key, ["X-Request-Id"] = "q" .. i .. "-t" .. tid .. "-" .. counter }
  if q.body then headers["Content-Type"] = "application/json" end
  return wrk.format(q.method, q.path, headers, q.body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 then return end
  local rid = headers["X-Request-Id"] or headers["x-request-id"] or ""
  local i = tonumber(rid:match("^q(%d+)-"))
  local c = tonumber(body:match('"@odata.count":%s*(%d+)') or body:match('"count":%s*(%d+)'))
  if not i or not c then uncounted = uncounted + 1; return end
  local q = queries[i]
  if c == q.a then old = old + 1
  elseif c == q.b then new = new + 1
  else
    mixed = mixed + 1
    per_query[i] = c
  end
end

function done(summary, latency, requests)
  local total = { statuses = {}, old = 0, new = 0, mixed = 0, uncounted = 0 }
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do total.statuses[s] = (total.statuses[s] or 0) + n end
    total.old = total.old + t:get("old")
    total.new = total.new + t:get("new")
    total.mixed = total.mixed + t:get("mixed")
    total.uncounted = total.uncounted + t:get("uncounted")
    for i, c in pairs(t:get("per_query")) do io.write(string.format("MIXED query %d answered %d\n", i, c)) end
  end
  local codes = {}
  for s, n in pairs(total.statuses) do table.insert(codes, s .. "=" .. n) end
  table.sort(codes)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("RESULT statuses %s\n", table.concat(codes, " ")))
  io.write(string.format("RESULT socket_errors connect=%d read=%d write=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("RESULT answers old=%d new=%d mixed=%d uncounted=%d\n", total.old, total.new, total.mixed, total.uncounted))
end
