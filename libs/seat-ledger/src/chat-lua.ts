// The chat's Lua. A message is accepted or refused by one script on the event's hash tag, so the limits hold however
// many admission nodes the sender's devices use, and every time is Redis's own clock (TIME).
//
// KEYS[1] = `<prefix>:{evt:<id>}`, the live ledger's base (its :seat hash says who is seated); the chat's keys:
//   :chat:banned        SET    registrants who may not post (moderation writes it)
//   :chat:timeout:<reg> STRING the registrant may not post until it expires (a moderator's timeout)
//   :chat:paused        STRING present while the moderators have paused the chat: nobody posts
//   :chat:slow          STRING optional slow mode: seconds a registrant waits between two messages
//   :chat:hidden        SET    ids of the messages the moderators hid (never in :chat:recent)
//   :chat:held          SET    ids of the messages the word filter held for review (never in :chat:recent until approved)
//   :chat:links         STRING present while the organizer lets links show as links (clients read it; no script does)
//   :chat:names         HASH   registrant -> display name (the control plane writes it; absent: a neutral name)
//   :chat:sent:<reg>    ZSET   the registrant's accepted messages of the last window (ms scores)
//   :chat:lock:<reg>    STRING the registrant is locked out until it expires
//   :chat:last:<reg>    STRING present while slow mode keeps the registrant waiting
//   :chat:room:<second> STRING messages accepted in that second (room cap)
//   :chat:stream        STREAM every accepted message (MAXLEN ~), consumed into PostgreSQL
//   :chat:recent        LIST   the last visible messages, newest first, as the JSON clients receive
//
// ARGV: 1 event id, 2 registrant, 3 text (already checked by #domain checkChatText), 4 per-registrant limit,
// 5 window ms, 6 lockout ms, 7 room messages per second, 8 history length, 9 stream max length, 10 '1' when the word
// filter held the message: it counts against the limits and is stored (held=1) but stays out of :chat:recent.
// Answers JSON: {ok=true, msg=<message>, held=<bool>} or {ok=false, reason=..., retry_ms=...}.
export const CHAT_SEND_LUA = `
local base = KEYS[1]
local evt, reg, text = ARGV[1], ARGV[2], ARGV[3]
local limit, window, lockout = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local room_cap, history, maxlen = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local held = ARGV[10] == '1'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function refuse(reason, retry_ms) return cjson.encode({ok = false, reason = reason, retry_ms = retry_ms or 0}) end

if redis.call('HEXISTS', base..':seat', reg) == 0 then return refuse('not-seated') end
if redis.call('SISMEMBER', base..':chat:banned', reg) == 1 then return refuse('banned') end
local timeout = redis.call('PTTL', base..':chat:timeout:'..reg)
if timeout > 0 then return refuse('timed-out', timeout) end
if redis.call('EXISTS', base..':chat:paused') == 1 then return refuse('paused') end

local LOCK, SENT, LAST = base..':chat:lock:'..reg, base..':chat:sent:'..reg, base..':chat:last:'..reg
local locked = redis.call('PTTL', LOCK)
if locked > 0 then return refuse('rate-limited', locked) end
redis.call('ZREMRANGEBYSCORE', SENT, '-inf', now - window)
if redis.call('ZCARD', SENT) >= limit then
  redis.call('SET', LOCK, '1', 'PX', lockout)
  return refuse('rate-limited', lockout)
end
local waiting = redis.call('PTTL', LAST)
if waiting > 0 then return refuse('slow-mode', waiting) end
local ROOM = base..':chat:room:'..math.floor(now / 1000)
if tonumber(redis.call('GET', ROOM) or '0') >= room_cap then return refuse('room-busy', 1000 - now % 1000) end

redis.call('INCR', ROOM)
redis.call('PEXPIRE', ROOM, 2000)
local slow = tonumber(redis.call('GET', base..':chat:slow') or '0') or 0
if slow > 0 then redis.call('SET', LAST, '1', 'PX', math.floor(slow * 1000)) end

local name = redis.call('HGET', base..':chat:names', reg) or 'Attendee'
local fields = {'evt', evt, 'reg', reg, 'name', name, 'text', text, 'at', tostring(now)}
if held then fields[#fields + 1] = 'held'; fields[#fields + 1] = '1' end
local id = redis.call('XADD', base..':chat:stream', 'MAXLEN', '~', maxlen, '*', unpack(fields))
redis.call('ZADD', SENT, now, id)
redis.call('PEXPIRE', SENT, window)
local msg = {id = id, eventId = evt, author = {name = name}, text = text, at = now}
if held then
  redis.call('SADD', base..':chat:held', id)
else
  redis.call('LPUSH', base..':chat:recent', cjson.encode(msg))
  redis.call('LTRIM', base..':chat:recent', 0, history - 1)
end
return cjson.encode({ok = true, msg = msg, held = held})
`;

// Moderation, from the control plane. KEYS[1] is the same base as CHAT_SEND_LUA's.

// ARGV: 1 message id. Hides it (also how a held message is rejected): into :chat:hidden, out of :chat:held and
// :chat:recent. Answers 1 if the stream still has the message,
// 0 if not (trimmed long ago, or never accepted): the caller then asks the database.
export const CHAT_HIDE_LUA = `
local base, id = KEYS[1], ARGV[1]
local RECENT = base..':chat:recent'
redis.call('SADD', base..':chat:hidden', id)
redis.call('SREM', base..':chat:held', id)
for _, m in ipairs(redis.call('LRANGE', RECENT, 0, -1)) do
  local ok, decoded = pcall(cjson.decode, m)
  if ok and decoded.id == id then redis.call('LREM', RECENT, 0, m) end
end
return #redis.call('XRANGE', base..':chat:stream', id, id)
`;

// ARGV: 1 message id, 2 history length. Restores it (also how a held message is approved): out of :chat:hidden and
// :chat:held, and :chat:recent is rebuilt from the stream (newest first, hidden and held ones left out) so the message is back in its place. Answers the message's JSON, or false when
// the stream no longer has it.
export const CHAT_RESTORE_LUA = `
local base, id, history = KEYS[1], ARGV[1], tonumber(ARGV[2])
local HIDDEN, HELD, RECENT = base..':chat:hidden', base..':chat:held', base..':chat:recent'
redis.call('SREM', HIDDEN, id)
redis.call('SREM', HELD, id)
local skipped = redis.call('SCARD', HIDDEN) + redis.call('SCARD', HELD)
local entries = redis.call('XREVRANGE', base..':chat:stream', '+', '-', 'COUNT', history + skipped)
local out, restored = {}, false
for _, e in ipairs(entries) do
  if #out >= history then break end
  if redis.call('SISMEMBER', HIDDEN, e[1]) == 0 and redis.call('SISMEMBER', HELD, e[1]) == 0 then
    local f = {}
    for i = 1, #e[2], 2 do f[e[2][i]] = e[2][i + 1] end
    local json = cjson.encode({id = e[1], eventId = f.evt, author = {name = f.name}, text = f.text, at = tonumber(f.at)})
    if e[1] == id then restored = json end
    out[#out + 1] = json
  end
end
if restored == false and #redis.call('XRANGE', base..':chat:stream', id, id) == 1 then
  local e = redis.call('XRANGE', base..':chat:stream', id, id)[1]
  local f = {}
  for i = 1, #e[2], 2 do f[e[2][i]] = e[2][i + 1] end
  restored = cjson.encode({id = e[1], eventId = f.evt, author = {name = f.name}, text = f.text, at = tonumber(f.at)})
end
redis.call('DEL', RECENT)
if #out > 0 then redis.call('RPUSH', RECENT, unpack(out)) end
return restored
`;
