-- f. POST /api/v1/cards with a fresh Idempotency-Key on every request:
-- wrk <base url> -- TOKENS_FILE WRK_THREADS
-- Same spread over users as post_cards.lua; the key is what costs extra
-- (a record begun before the card and completed after it, in idempotency.db).
local lib = dofile((os.getenv("JAVUMBO_WRK_DIR") or ".") .. "/lib.lua")

setup = lib.setup

local tokens = {}
local turn, sequence = 0, 0

function init(args)
  tokens = lib.tokens_for_thread(args[1], id, tonumber(args[2]))
end

function request()
  turn = turn % #tokens + 1
  sequence = sequence + 1
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[turn],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", id, turn, sequence),
  }
  local body = string.format('{"front":"keyed card t%d n%d","back":"an answer"}', id, sequence)
  return wrk.format("POST", "/api/v1/cards", headers, body)
end

function done(summary, latency, requests)
  lib.report(summary, latency)
end
