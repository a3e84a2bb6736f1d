-- a. GET /api/v1/health: the HTTP stack alone (no session, no database).
local lib = dofile((os.getenv("JAVUMBO_WRK_DIR") or ".") .. "/lib.lua")

function done(summary, latency, requests)
  lib.report(summary, latency)
end
