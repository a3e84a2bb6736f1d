-- b. A GET with one user's token: wrk <url> -- TOKENS_FILE (the first token is used).
local lib = dofile((os.getenv("JAVUMBO_WRK_DIR") or ".") .. "/lib.lua")

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. lib.read_lines(args[1])[1]
end

function done(summary, latency, requests)
  lib.report(summary, latency)
end
