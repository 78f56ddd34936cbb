// Live Q&A's Lua. Asking and upvoting are decided by one script each on the event's hash tag (as the chat), so the
// limits and "one vote per registrant" hold however many admission nodes a registrant's devices use. Moderation is a
// compare-and-set from the control plane. Every change is appended to the event's Q&A stream, which the control
// plane's consumer stores in PostgreSQL in order (ask, then votes and decisions), so nothing is lost while it is down.
//
// KEYS[1] = `<prefix>:{evt:<id>}:live`, the live ledger's base (its :seat hash says who is seated; the chat's
// :chat:banned and :chat:timeout:<reg> apply to questions too); the Q&A's keys:
//   :qa:q:<id>      HASH   reg, name, anon ('1'/'0'), text, at (ms), status, answer, live ('1' answered live), pinned
//   :qa:board       ZSET   every question id of the event, by the time it was asked
//   :qa:votes:<id>  SET    the registrants who upvoted the question (one vote each, whatever their devices)
//   :qa:sent:<reg>  ZSET   the registrant's questions of the last window (ms scores)
//   :qa:approval    STRING present while new questions wait for a moderator's approval
//   :qa:stream      STREAM every ask, vote and decision (MAXLEN ~), consumed into PostgreSQL

const PREAMBLE = `
local base = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function refuse(reason, retry_ms) return cjson.encode({ok = false, reason = reason, retry_ms = retry_ms or 0}) end
local function question(id)
  local h = redis.call('HGETALL', base..':qa:q:'..id)
  if #h == 0 then return nil end
  local q = {id = id}
  for i = 1, #h, 2 do q[h[i]] = h[i + 1] end
  q.votes = redis.call('SCARD', base..':qa:votes:'..id)
  return q
end
`;

// ARGV: 1 event id, 2 registrant, 3 text (checked by #domain checkChatText), 4 '1' anonymous, 5 per-registrant limit,
// 6 window ms, 7 stream max length. Answers {ok=true, q=<question>} or {ok=false, reason, retry_ms}.
export const QA_ASK_LUA = `${PREAMBLE}
local evt, reg, text, anon = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local limit, window, maxlen = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
if redis.call('HEXISTS', base..':seat', reg) == 0 then return refuse('not-seated') end
if redis.call('SISMEMBER', base..':chat:banned', reg) == 1 then return refuse('banned') end
local timeout = redis.call('PTTL', base..':chat:timeout:'..reg)
if timeout > 0 then return refuse('timed-out', timeout) end
local SENT = base..':qa:sent:'..reg
redis.call('ZREMRANGEBYSCORE', SENT, '-inf', now - window)
if redis.call('ZCARD', SENT) >= limit then
  local oldest = redis.call('ZRANGE', SENT, 0, 0, 'WITHSCORES')
  return refuse('rate-limited', math.max(1, tonumber(oldest[2]) + window - now))
end
local status = 'open'
if redis.call('EXISTS', base..':qa:approval') == 1 then status = 'pending' end
local name = redis.call('HGET', base..':chat:names', reg) or 'Attendee'
local id = redis.call('XADD', base..':qa:stream', 'MAXLEN', '~', maxlen, '*', 'type', 'ask', 'evt', evt,
  'reg', reg, 'name', name, 'anon', anon, 'text', text, 'status', status, 'at', tostring(now))
redis.call('HSET', base..':qa:q:'..id, 'reg', reg, 'name', name, 'anon', anon, 'text', text, 'at', tostring(now),
  'status', status, 'answer', '', 'live', '0', 'pinned', '0')
redis.call('ZADD', base..':qa:board', now, id)
redis.call('ZADD', SENT, now, id)
redis.call('PEXPIRE', SENT, window)
return cjson.encode({ok = true, q = question(id)})
`;

// ARGV: 1 event id, 2 registrant, 3 question id, 4 stream max length. One vote per registrant: the set decides.
// Answers {ok=true, q=<question>} or {ok=false, reason}.
export const QA_VOTE_LUA = `${PREAMBLE}
local evt, reg, id, maxlen = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('HEXISTS', base..':seat', reg) == 0 then return refuse('not-seated') end
if redis.call('SISMEMBER', base..':chat:banned', reg) == 1 then return refuse('banned') end
local q = question(id)
if q == nil then return refuse('unknown-question') end
if q.status ~= 'open' then
  if q.status == 'pending' and q.reg ~= reg then return refuse('unknown-question') end
  return refuse('not-open')
end
if q.reg == reg then return refuse('own-question') end
if redis.call('SADD', base..':qa:votes:'..id, reg) == 0 then return refuse('already-voted') end
redis.call('XADD', base..':qa:stream', 'MAXLEN', '~', maxlen, '*', 'type', 'vote', 'evt', evt, 'q', id,
  'reg', reg, 'at', tostring(now))
q.votes = q.votes + 1
return cjson.encode({ok = true, q = q})
`;

// ARGV: 1 event id, 2 question id, 3 the status the caller read (compare-and-set), 4 new status, 5 answer text,
// 6 '1' answered live, 7 '1' pinned, 8 actor id, 9 stream max length. Answers {ok=true, q=<question>} or
// {ok=false, reason='unknown-question' | 'changed'} (someone else decided meanwhile: read again).
export const QA_MODERATE_LUA = `${PREAMBLE}
local evt, id, expected, status = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local answer, live, pinned, actor, maxlen = ARGV[5], ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
local Q = base..':qa:q:'..id
if redis.call('EXISTS', Q) == 0 then return refuse('unknown-question') end
if redis.call('HGET', Q, 'status') ~= expected then return refuse('changed') end
redis.call('HSET', Q, 'status', status, 'answer', answer, 'live', live, 'pinned', pinned)
redis.call('XADD', base..':qa:stream', 'MAXLEN', '~', maxlen, '*', 'type', 'moderate', 'evt', evt, 'q', id,
  'status', status, 'answer', answer, 'live', live, 'pinned', pinned, 'actor', actor, 'at', tostring(now))
return cjson.encode({ok = true, q = question(id)})
`;
