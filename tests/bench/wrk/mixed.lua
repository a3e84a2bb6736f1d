-- e. Mixed: 20 % POST /api/v1/cards, 80 % reviews. A review is
-- GET /api/v1/review/next and, when it returns a card, POST /api/v1/review/answer
-- of that card with ease 3 and expected_reps (so two connections that drew the
-- same card cannot both answer it: the second gets 409 already_answered).
-- wrk <base url> -- TOKENS_FILE WRK_THREADS
--
-- wrk has no per-connection state, so the request kind and the user ride in
-- X-Request-Id, which the server echoes; an answer to send is queued per thread
-- and taken by whichever connection of the thread is free next.
local lib = dofile((os.getenv("JAVUMBO_WRK_DIR") or ".") .. "/lib.lua")

setup = lib.setup

local tokens, users = {}, {}
local turn, sequence = 0, 0
local answers, first, last = {}, 1, 0 -- queue of {user index, card_id, reps}

-- Counters read by done() through thread:get().
add_2xx, add_other = 0, 0
next_200, next_204, next_other = 0, 0, 0
answer_200, answer_409, answer_other = 0, 0, 0

function init(args)
  tokens, users = lib.tokens_for_thread(args[1], id, tonumber(args[2]))
  math.randomseed(os.time() + id * 7919)
end

local function headers_for(user, kind)
  sequence = sequence + 1
  return {
    ["Authorization"] = "Bearer " .. tokens[user],
    ["Content-Type"] = "application/json",
    ["X-Request-Id"] = string.format("%s-%d-%d-%d", kind, id, user, sequence),
  }
end

function request()
  if first <= last then
    local a = answers[first]
    answers[first] = nil
    first = first + 1
    local body = string.format('{"card_id":%s,"ease":3,"time_taken_ms":4000,"expected_reps":%s}', a[2], a[3])
    return wrk.format("POST", "/api/v1/review/answer", headers_for(a[1], "a"), body)
  end
  turn = turn % #tokens + 1
  if math.random() < 0.2 then
    local body = string.format('{"front":"mixed card %d","back":"an answer"}', sequence)
    return wrk.format("POST", "/api/v1/cards", headers_for(turn, "c"), body)
  end
  return wrk.format("GET", "/api/v1/review/next", headers_for(turn, "n"), nil)
end

function response(status, headers, body)
  local rid = headers["X-Request-Id"] or headers["x-request-id"] or ""
  local kind, user = rid:match("^(%a)%-%d+%-(%d+)%-")
  if kind == "c" then
    if status >= 200 and status < 300 then add_2xx = add_2xx + 1 else add_other = add_other + 1 end
  elseif kind == "n" then
    if status == 200 then
      next_200 = next_200 + 1
      -- The card object comes first (sorted keys: card, counts, intervals).
      local card_id = body:match('"card_id":(%d+)')
      local reps = body:match('"reps":(%d+)')
      if card_id and reps then
        last = last + 1
        answers[last] = {tonumber(user), card_id, reps}
      end
    elseif status == 204 then
      next_204 = next_204 + 1
    else
      next_other = next_other + 1
    end
  elseif kind == "a" then
    if status == 200 then answer_200 = answer_200 + 1
    elseif status == 409 then answer_409 = answer_409 + 1
    else answer_other = answer_other + 1 end
  end
end

function done(summary, latency, requests)
  local names = {"add_2xx", "add_other", "next_200", "next_204", "next_other",
                 "answer_200", "answer_409", "answer_other"}
  local totals = {}
  for _, name in ipairs(names) do totals[name] = 0 end
  for _, thread in ipairs(lib.threads()) do
    for _, name in ipairs(names) do totals[name] = totals[name] + (thread:get(name) or 0) end
  end
  local extra = ""
  for _, name in ipairs(names) do extra = extra .. string.format(" %s=%d", name, totals[name]) end
  lib.report(summary, latency, extra)
end
