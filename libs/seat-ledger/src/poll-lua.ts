// Live polls' Lua. A vote is decided by one script on the event's hash tag (as the chat and Q&A), so "one vote per
// registrant, final" holds however many admission nodes a registrant's devices use, and a vote cannot slip in after
// the control plane closed the poll (closing is one MULTI on the same keys). Every vote is appended to the event's
// Q&A stream, which the control plane's consumer stores in PostgreSQL.
//
// KEYS[1] = `<prefix>:{evt:<id>}:live`, the live ledger's base (its :seat hash says who is seated; the chat's
// :chat:banned applies to votes too); the polls' keys:
//   :poll:<id>         HASH   state ('open'/'closed'), options (count), multiple ('1'/'0'), results ('live'/'closed'),
//                             question, labels (JSON array of the options' texts)
//   :poll:<id>:voters  SET    the registrants who voted (one vote each, whatever their devices)
//   :poll:<id>:counts  HASH   option index -> votes
//   :polls             SET    the ids of the event's open polls
//   :qa:stream         STREAM every vote (type 'poll-vote'), with the Q&A's entries, consumed into PostgreSQL

// ARGV: 1 event id, 2 registrant, 3 poll id, 4 choices (option indexes, comma-separated, distinct, sorted), 5 stream
// max length. Answers {ok=true} or {ok=false, reason}.
export const POLL_VOTE_LUA = `
local base = KEYS[1]
local evt, reg, id, choices, maxlen = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local function refuse(reason) return cjson.encode({ok = false, reason = reason}) end
if redis.call('HEXISTS', base..':seat', reg) == 0 then return refuse('not-seated') end
if redis.call('SISMEMBER', base..':chat:banned', reg) == 1 then return refuse('banned') end
local P = base..':poll:'..id
local p = redis.call('HMGET', P, 'state', 'options', 'multiple')
if not p[1] then return refuse('unknown-poll') end
if p[1] ~= 'open' then return refuse('closed') end
local options = tonumber(p[2])
local picked, seen = {}, {}
for c in string.gmatch(choices, '[^,]+') do
  local n = tonumber(c)
  if n == nil or n ~= math.floor(n) or n < 0 or n >= options or seen[n] then return refuse('bad-choices') end
  seen[n] = true
  picked[#picked + 1] = n
end
if #picked == 0 or (p[3] ~= '1' and #picked > 1) then return refuse('bad-choices') end
if redis.call('SADD', P..':voters', reg) == 0 then return refuse('already-voted') end
for _, n in ipairs(picked) do redis.call('HINCRBY', P..':counts', tostring(n), 1) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('XADD', base..':qa:stream', 'MAXLEN', '~', maxlen, '*', 'type', 'poll-vote', 'evt', evt, 'poll', id,
  'reg', reg, 'choices', choices, 'at', tostring(now))
return cjson.encode({ok = true})
`;
