-- c./d. POST /api/v1/cards: wrk <base url> -- TOKENS_FILE WRK_THREADS
-- Spread over every token in the file (one token: one hot user).
local lib = dofile((os.getenv("JAVUMBO_WRK_DIR") or ".") .. "/lib.lua")

setup = lib.setup

local requests_by_user = {}
local turn = 0

function init(args)
  local tokens = lib.tokens_for_thread(args[1], id, tonumber(args[2]))
  for i, token in ipairs(tokens) do
    local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
    }
    local body = string.format('{"front":"bench card t%d u%d","back":"an answer","tags":["bench"]}', id, i)
    requests_by_user[i] = wrk.format("POST", "/api/v1/cards", headers, body)
  end
end

function request()
  turn = turn % #requests_by_user + 1
  return requests_by_user[turn]
end

function done(summary, latency, requests)
  lib.report(summary, latency)
end
