-- Shared by the serverbench.sh wrk scripts: token files and the result line.
-- Loaded with dofile() from JAVUMBO_WRK_DIR in the main and every thread state.
local lib = {}

function lib.read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in file:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  file:close()
  return lines
end

-- wrk has no per-connection hook: each thread takes every nthreads-th token
-- (user) and its connections round-robin over them. With fewer tokens than
-- threads every thread takes all of them.
function lib.tokens_for_thread(path, id, nthreads)
  local all = lib.read_lines(path)
  local mine, users = {}, {}
  for i, token in ipairs(all) do
    if #all < nthreads or (i - 1) % nthreads == id then
      mine[#mine + 1] = token
      users[#users + 1] = i
    end
  end
  assert(#mine > 0, "no tokens in " .. path)
  return mine, users
end

-- Numbers the threads so init() knows which tokens are its own.
local threads = {}
local next_id = 0
function lib.setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

function lib.threads() return threads end

-- One machine-readable line, parsed by serverbench.sh. non2xx counts wrk's
-- "status errors" (status > 399; the API has no 3xx), socket errors the rest.
function lib.report(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "non2xx=%d ok=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, summary.requests - e.status,
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, extra or ""))
end

return lib
