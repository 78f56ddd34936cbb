// The seat ledger's Lua. Every change to an event's seats happens inside one of these scripts, so a decision is
// atomic however many admission nodes call at once, and every time is Redis's own clock (TIME), never a node's.
//
// Keys under KEYS[1] = `<prefix>:{evt:<id>}` for the live phase, `<prefix>:{evt:<id>}:on-demand` for viewing on demand
// (one hash slot either way):
//   :att   ZSET  `<registrant>|<device>` -> lease expiry (ms, Redis time); seated and waiting devices alike
//   :node  HASH  `<registrant>|<device>` -> admission node holding the socket
//   :devs:<registrant> SET of that registrant's attached devices (at most MAX_DEVICES)
//   :seat  HASH  registrant -> tier (included | buffer | overage); HLEN = concurrent seats
//   :wait  ZSET  registrant -> ticket (FIFO); :wseq the ticket counter
//   :stat  HASH  peak:concurrent, peak:overage, cur:<tier>, joins
//   :ended STRING set once live admission is over (reason)
//   :gen   STRING the ledger's generation (Redis time of its first write); a node remembers the one it saw
//   :healing STRING present for a short window after the ledger was found lost: nobody new is seated meanwhile
// KEYS[2] is the event's attendance stream `<prefix>:{evt:<id>}:attendance` (same tag, so same slot), given only to the
// scripts that log (acquire, release, sweep, end); a seated device's join and leave go there in the same atomic step.
// The others (renew, detach, heal, positions, status) get KEYS[1] alone: a key declared but never touched would still
// have to share the slot, and a script that does not log has no reason to name it.
//
// Common ARGV: 1 event id, 2 limit, 3 buffer %, 4 policy, 5 overage cap (-1 none), 6 live cutoff ms (-1 none),
// 7 lease ms, 8 max devices per registrant, 9 phase (live | on-demand), 10 the generation the calling node last saw
// ('' none), 11 healing window ms; script-specific arguments follow (from 12).

/** The admission rule of #domain tierForSeat, mirrored; test/tier-mirror.int.test.ts keeps the two in step. */
export const TIER_FOR_SEAT_LUA = `
local function tier_for(n, limit, bufpct, policy, cap)
  local buffer = math.floor(limit * bufpct / 100)
  if n <= limit then return 'included' end
  if n <= limit + buffer then return 'buffer' end
  if policy == 'block' then return 'wait' end
  if cap >= 0 and n > limit + buffer + cap then return 'wait' end
  return 'overage'
end
`;

const PRELUDE = `
${TIER_FOR_SEAT_LUA}
local base = KEYS[1]
local stream = KEYS[2]
local ATT, NODE, SEAT, WAIT, WSEQ, STAT, ENDED = base..':att', base..':node', base..':seat', base..':wait', base..':wseq', base..':stat', base..':ended'
local evt = ARGV[1]
local limit, bufpct, policy, cap = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local cutoff, lease, maxdev = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local phase = ARGV[9]
local GEN, HEALING = base..':gen', base..':healing'
local known_gen, heal_ms = ARGV[10], tonumber(ARGV[11])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free_ceiling = limit + math.floor(limit * bufpct / 100)

local function devs_key(reg) return base..':devs:'..reg end
local function split(m) local i = string.find(m, '|', 1, true); return string.sub(m, 1, i - 1), string.sub(m, i + 1) end

local function log(kind, reg, dev, node, tier, edge, reason)
  redis.call('XADD', stream, '*', 'evt', evt, 'kind', kind, 'reg', reg, 'dev', dev, 'node', node, 'tier', tier,
    'at', tostring(now), 'seats', tostring(redis.call('HLEN', SEAT)), 'edge', edge, 'reason', reason, 'phase', phase)
end

-- Gives a registrant a seat and logs the join of each of its attached devices; the first opens the seat.
local function take_seat(reg, tier)
  redis.call('HSET', SEAT, reg, tier)
  redis.call('HINCRBY', STAT, 'cur:'..tier, 1)
  redis.call('HINCRBY', STAT, 'joins', 1)
  local c = redis.call('HLEN', SEAT)
  if c > tonumber(redis.call('HGET', STAT, 'peak:concurrent') or '0') then redis.call('HSET', STAT, 'peak:concurrent', c) end
  local over = c - free_ceiling
  if over > tonumber(redis.call('HGET', STAT, 'peak:overage') or '0') then redis.call('HSET', STAT, 'peak:overage', over) end
  local edge = 'open'
  for _, dev in ipairs(redis.call('SMEMBERS', devs_key(reg))) do
    log('join', reg, dev, redis.call('HGET', NODE, reg..'|'..dev) or '', tier, edge, '')
    edge = ''
  end
end

-- Removes one device; the registrant's last device gives up its seat (or its place in the waiting room).
local function detach(m, reason)
  if redis.call('ZREM', ATT, m) == 0 then return false end
  local reg, dev = split(m)
  local node = redis.call('HGET', NODE, m) or ''
  redis.call('HDEL', NODE, m)
  redis.call('SREM', devs_key(reg), dev)
  local left = redis.call('SCARD', devs_key(reg))
  local tier = redis.call('HGET', SEAT, reg)
  if tier then
    if left == 0 then
      redis.call('HDEL', SEAT, reg)
      redis.call('HINCRBY', STAT, 'cur:'..tier, -1)
      log('leave', reg, dev, node, tier, 'close', reason)
    else
      log('leave', reg, dev, node, tier, '', reason)
    end
  elseif left == 0 then
    redis.call('ZREM', WAIT, reg)
  end
  return true
end

-- The ledger's generation. Redis can lose an event's keys (a restart without persistence, an eviction, a failover
-- to a replica that missed the last writes); a node that saw a generation and now finds none, or another, knows its
-- sockets must re-attach (HEAL). Finding none starts a new generation and the healing window, during which nobody
-- new is seated and the waiting room does not move, so the re-attached come first. Returns the generation, and
-- whether the calling node must heal. Only a first seat (acquire) starts a generation from nothing: a sweep or a
-- renewal by a node that never saw this ledger cannot tell a new one from a lost one, so it leaves it be.
local function generation(may_start)
  local gen = redis.call('GET', GEN)
  if gen then return gen, known_gen ~= '' and known_gen ~= gen end
  if known_gen ~= '' then
    gen = tostring(now)
    redis.call('SET', GEN, gen)
    redis.call('SET', HEALING, gen, 'PX', heal_ms)
    return gen, true
  end
  if not may_start then return false, false end
  gen = tostring(now)
  redis.call('SET', GEN, gen)
  return gen, false
end

local function healing() return redis.call('EXISTS', HEALING) == 1 end

-- Seats the head of the waiting room while the terms allow, in ticket order.
local function promote()
  local promoted = {}
  if redis.call('EXISTS', ENDED) == 1 or healing() then return promoted end
  while true do
    local head = redis.call('ZRANGE', WAIT, 0, 0)
    if #head == 0 then break end
    local tier = tier_for(redis.call('HLEN', SEAT) + 1, limit, bufpct, policy, cap)
    if tier == 'wait' then break end
    redis.call('ZREM', WAIT, head[1])
    take_seat(head[1], tier)
    table.insert(promoted, { head[1], tier })
  end
  return promoted
end

local function end_all(reason)
  local released = {}
  for _, m in ipairs(redis.call('ZRANGE', ATT, 0, -1)) do
    local node = redis.call('HGET', NODE, m) or ''
    if detach(m, reason) then table.insert(released, { m, node }) end
  end
  redis.call('DEL', WAIT)
  -- what stays after the end (peaks, the flag) goes a week later; the attendance log keeps every figure
  redis.call('SET', ENDED, reason, 'EX', 604800)
  redis.call('EXPIRE', STAT, 604800)
  redis.call('EXPIRE', WSEQ, 604800)
  redis.call('EXPIRE', GEN, 604800)
  if phase == 'live' then
    -- the chat's lasting keys too (see chat-lua.ts); the control plane has stored its stream by then
    for _, k in ipairs({ 'stream', 'recent', 'banned', 'slow', 'names', 'hidden', 'paused' }) do redis.call('EXPIRE', base..':chat:'..k, 604800) end
  end
  return released
end

-- Frees leases that lapsed (a crashed node, a closed tab past the grace) and ends live admission at the cap.
local function sweep()
  if cutoff >= 0 and now >= cutoff and redis.call('EXISTS', ENDED) == 0 then
    return end_all('cap'), true
  end
  local released = {}
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', ATT, '-inf', now, 'LIMIT', 0, 1000)) do
    local node = redis.call('HGET', NODE, m) or ''
    if detach(m, 'lapsed') then table.insert(released, { m, node }) end
  end
  return released, false
end

local function position(reg)
  local r = redis.call('ZRANK', WAIT, reg)
  if r then return r + 1 end
  return false
end

local function result(r) return cjson.encode(r) end
`;

/** ARGV 12 registrant, 13 device, 14 node. Every answer carries the generation and whether the node must heal. */
export const ACQUIRE_LUA = `${PRELUDE}
local reg, dev, node = ARGV[12], ARGV[13], ARGV[14]
local m = reg..'|'..dev
local gen, heal = generation(true)
local function result(r) r.gen = gen; r.heal = heal; return cjson.encode(r) end
local released, ended = sweep()
local promoted = promote()
if ended or redis.call('EXISTS', ENDED) == 1 then
  return result({ status = 'ended', reason = redis.call('GET', ENDED) or 'cap', released = released, promoted = promoted, now = now })
end
if redis.call('ZSCORE', ATT, m) then
  -- the same device again (a reconnect within the grace, or another tab of it): same seat or place, fresh lease
  redis.call('ZADD', ATT, now + lease, m)
  redis.call('HSET', NODE, m, node)
  local tier = redis.call('HGET', SEAT, reg)
  if tier then return result({ status = 'admitted', tier = tier, reattached = true, released = released, promoted = promoted, now = now }) end
  return result({ status = 'waiting', position = position(reg), reattached = true, released = released, promoted = promoted, now = now })
end
if redis.call('SCARD', devs_key(reg)) >= maxdev then
  return result({ status = 'refused', reason = 'device-limit', released = released, promoted = promoted, now = now })
end
redis.call('ZADD', ATT, now + lease, m)
redis.call('HSET', NODE, m, node)
redis.call('SADD', devs_key(reg), dev)
local tier = redis.call('HGET', SEAT, reg)
if tier then
  log('join', reg, dev, node, tier, '', '')
  return result({ status = 'admitted', tier = tier, released = released, promoted = promoted, now = now })
end
if redis.call('ZSCORE', WAIT, reg) then
  return result({ status = 'waiting', position = position(reg), released = released, promoted = promoted, now = now })
end
-- a newcomer never overtakes the waiting room, nor the re-attachments of a healing ledger
if redis.call('ZCARD', WAIT) == 0 and not healing() then tier = tier_for(redis.call('HLEN', SEAT) + 1, limit, bufpct, policy, cap) else tier = 'wait' end
if tier == 'wait' then
  redis.call('ZADD', WAIT, redis.call('INCR', WSEQ), reg)
  return result({ status = 'waiting', position = position(reg), released = released, promoted = promoted, now = now })
end
take_seat(reg, tier)
return result({ status = 'admitted', tier = tier, released = released, promoted = promoted, now = now })
`;

/** ARGV 12.. attachment members the calling node still holds sockets for. Returns the ones no longer in the ledger, and
 * why when it is because the phase ended (so the node tells its attendees the event ended, not that a seat lapsed).
 * When the ledger was lost since the node last saw it, nothing is renewed: the node heals instead. */
export const RENEW_LUA = `${PRELUDE}
local gen, heal = generation()
if heal then return result({ heal = true, gen = gen, lost = {}, ended = false, now = now }) end
local lost = {}
for i = 12, #ARGV do
  if redis.call('ZSCORE', ATT, ARGV[i]) then redis.call('ZADD', ATT, now + lease, ARGV[i]) else table.insert(lost, ARGV[i]) end
end
return result({ lost = lost, ended = redis.call('GET', ENDED) or false, gen = gen, now = now })
`;

/** ARGV 12 member, 13 reason. A device leaves now; its seat goes to the head of the waiting room. */
export const RELEASE_LUA = `${PRELUDE}
local released = {}
local node = redis.call('HGET', NODE, ARGV[12]) or ''
if detach(ARGV[12], ARGV[13]) then table.insert(released, { ARGV[12], node }) end
return result({ released = released, promoted = promote(), now = now })
`;

/** ARGV 12 member, 13 grace ms. A socket dropped: the device keeps its seat until the grace runs out unless it comes back. */
export const DETACH_LUA = `${PRELUDE}
if redis.call('ZSCORE', ATT, ARGV[12]) then redis.call('ZADD', ATT, now + tonumber(ARGV[13]), ARGV[12]) end
return result({ now = now })
`;

export const SWEEP_LUA = `${PRELUDE}
local gen, heal = generation()
local released, ended = sweep()
return result({ released = released, promoted = promote(), ended = ended, gen = gen, heal = heal, now = now })
`;

/** ARGV 12 reason. The organizer ended the event: everyone leaves, nobody waits. */
export const END_LUA = `${PRELUDE}
if redis.call('EXISTS', ENDED) == 1 then return result({ released = {}, promoted = {}, ended = true, now = now }) end
return result({ released = end_all(ARGV[12]), promoted = {}, ended = true, now = now })
`;

/** ARGV 12.. registrants. Their waiting-room positions (0 = not waiting). */
export const POSITIONS_LUA = `${PRELUDE}
local out = {}
for i = 12, #ARGV do out[#out + 1] = position(ARGV[i]) or 0 end
return result({ positions = out, now = now })
`;

/**
 * ARGV 12 node, then triples from 13: member, what the node last told it ('seat:<tier>' or 'wait'), its order (seated
 * ones in the order they were seated, waiting ones in their old waiting-room order). The node's sockets re-attach
 * after a loss: a seated device keeps its seat and tier while the terms allow, else it goes to the head of the
 * waiting room; a waiting one goes back in its old order, ahead of anyone who joined since. No join is logged: the
 * attendance log keeps one continuous session per attendee. Answers [member, 'seated' | 'waiting', position].
 */
export const HEAL_LUA = `${PRELUDE}
local gen = generation(true)
local node = ARGV[12]
local out = {}
for i = 13, #ARGV, 3 do
  local m, told, order = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local reg, dev = split(m)
  if not redis.call('ZSCORE', ATT, m) then
    redis.call('ZADD', ATT, now + lease, m)
    redis.call('HSET', NODE, m, node)
    redis.call('SADD', devs_key(reg), dev)
  end
  if not redis.call('HGET', SEAT, reg) and not redis.call('ZSCORE', WAIT, reg) then
    local tier = string.match(told, '^seat:(%a+)$')
    if tier and tier_for(redis.call('HLEN', SEAT) + 1, limit, bufpct, policy, cap) ~= 'wait' then
      redis.call('HSET', SEAT, reg, tier)
      redis.call('HINCRBY', STAT, 'cur:'..tier, 1)
      local c = redis.call('HLEN', SEAT)
      if c > tonumber(redis.call('HGET', STAT, 'peak:concurrent') or '0') then redis.call('HSET', STAT, 'peak:concurrent', c) end
      local over = c - free_ceiling
      if over > tonumber(redis.call('HGET', STAT, 'peak:overage') or '0') then redis.call('HSET', STAT, 'peak:overage', over) end
    else
      -- the seated who no longer fit go first, then the old waiting room, then whoever joined since (tickets >= 1)
      redis.call('ZADD', WAIT, (tier and -2e12 or -1e12) + order, reg)
    end
  end
  if redis.call('HGET', SEAT, reg) then out[#out + 1] = { m, 'seated', 0 } else out[#out + 1] = { m, 'waiting', position(reg) } end
end
return result({ outcomes = out, gen = gen, now = now })
`;

/** A read of the event's figures, for viewer counts, tests and the report cross-check. */
export const STATUS_LUA = `${PRELUDE}
local stat = redis.call('HGETALL', STAT)
return result({ seats = redis.call('HLEN', SEAT), waiting = redis.call('ZCARD', WAIT), attachments = redis.call('ZCARD', ATT),
  stat = stat, ended = redis.call('GET', ENDED) or false, now = now })
`;

/** Only for the mirror test: the Lua tier of seat n under the common ARGV terms. */
export const TIER_PROBE_LUA = `${TIER_FOR_SEAT_LUA}
local out = {}
for i = 5, #ARGV do out[#out + 1] = tier_for(tonumber(ARGV[i]), tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])) end
return out
`;
