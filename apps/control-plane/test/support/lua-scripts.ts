import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import calculateSlot from 'cluster-key-slot';
import type { Redis } from 'ioredis';
import ts from 'typescript';
import { readConfig } from '#config';
import type { AdmissionTerms } from '#domain';
import { ChatModeration, ChatRoom, LedgerEvent, PollRoom, QaRoom, SeatLedger, attachmentMember } from '#seat-ledger';
import { testSecrets } from '#test-support';
import { controlPlaneSettings } from '../../src/config';
import { EventSnapshotWriter } from '../../src/events/event-snapshot-writer';
import type { EventRecord } from '../../src/events/event-record';
import { RedisRateLimiter, tokenDigest } from '../../src/http/redis-rate-limiter';
import type { OrderRecord } from '../../src/orders/order-record';
import type { OrdersRepository } from '../../src/orders/orders.repository';
import { RegistrationRateLimiter } from '../../src/registrations/registration-rate-limiter';

// Every Lua script of the code, found in the source, and the production calls that run each one, so a test can see
// the keys a script is given and whether they sit in one Redis Cluster slot (BullMQ's own scripts are BullMQ's).

export const ROOT = resolve(__dirname, '../../../../..');
const SOURCE_DIRS = ['apps', 'libs', 'transcoder'];
// what reads as Lua: a call into Redis, the keys or arguments, a local assignment
const LUA = /\bredis\.p?call\s*\(|\bKEYS\[|\bARGV\[|\blocal\s+[\w, ]+=/;

/**
 * Scripts whose keys do not hash to one slot, so Redis Cluster refuses them (CROSSSLOT). Known, not yet fixed; the
 * tests assert this is exactly the set that fails, so they go red when one is fixed (take it off) or a new one
 * appears (fix it rather than add it).
 */
export const KNOWN_CROSS_SLOT: readonly string[] = [];

/** A Lua script as the source holds it: a string or template literal, named by the constant it is assigned to. */
export interface LuaSource {
  /** `<file>:<constant>` (or `<file>:line <n>` for a literal passed inline) */
  id: string;
  /** The literal's text between its `${...}` parts. */
  chunks: string[];
  /** What its `${...}` parts are (the constants of the fragments it is made of). */
  parts: string[];
  /** A piece other scripts are made of (their `${...}`), never run on its own. */
  fragment: boolean;
}

/**
 * Every Lua literal under apps/, libs/ and transcoder/ (sources, not tests), parsed with the TypeScript compiler: a
 * string or template that reads as Lua, or a template made of such a literal (`${PRELUDE}...`).
 */
export function findLuaSources(root = ROOT): LuaSource[] {
  const literals: (Omit<LuaSource, 'fragment'> & { lua: boolean })[] = [];
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(join(root, d)))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const path = relative(root, file);
    const visit = (node: ts.Node): void => {
      let chunks: string[] | undefined;
      let parts: string[] = [];
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) chunks = [node.text];
      else if (ts.isTemplateExpression(node)) {
        chunks = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
        parts = node.templateSpans.map((s) => s.expression.getText(sf));
      }
      if (chunks && (parts.length > 0 || LUA.test(chunks.join('')))) {
        literals.push({ id: `${path}:${nameOf(node, sf)}`, chunks, parts, lua: LUA.test(chunks.join('')) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const sameFile = (a: { id: string }, b: { id: string }): boolean => a.id.split(':')[0] === b.id.split(':')[0];
  // a template made of a Lua literal of its file is Lua too, however little of its own text reads as Lua
  for (let grew = true; grew;) {
    grew = false;
    for (const l of literals.filter((x) => !x.lua)) {
      if (literals.some((x) => x.lua && sameFile(x, l) && l.parts.includes(name(x)))) grew = l.lua = true;
    }
  }
  const lua = literals.filter((l) => l.lua).map(({ lua: _, ...l }) => l);
  return lua.map((s) => ({
    ...s,
    fragment: lua.some((other) => sameFile(other, s) && other.parts.includes(name(s))),
  }));
}

function name(s: { id: string }): string {
  return s.id.slice(s.id.lastIndexOf(':') + 1);
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isVariableDeclaration(n) || ts.isPropertyAssignment(n)) return n.name.getText(sf);
    if (ts.isCallExpression(n)) break;
  }
  return `line ${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'test', 'dist'].includes(entry.name)) out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.d\.ts$|\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The script a Lua text sent to Redis is: its literal's text, with the fragments in place of its `${...}`. */
export function sourceOf(lua: string, sources: LuaSource[]): LuaSource {
  const matches = sources.filter((s) => !s.fragment && textMatches(lua, s));
  if (matches.length !== 1) {
    throw new Error(
      `a script sent to Redis is ${matches.length === 0 ? 'none' : matches.map((m) => m.id).join(' and ')} ` +
        `of the Lua literals in the source: ${lua.trim().slice(0, 120)}...`,
    );
  }
  return matches[0];
}

function textMatches(lua: string, s: LuaSource): boolean {
  if (s.parts.length === 0) return lua === s.chunks[0];
  if (!lua.startsWith(s.chunks[0]) || !lua.endsWith(s.chunks[s.chunks.length - 1])) return false;
  let at = 0;
  for (const chunk of s.chunks) {
    const i = lua.indexOf(chunk, at);
    if (i < 0) return false;
    at = i + chunk.length;
  }
  return true;
}

export function slotsOf(keys: string[]): number[] {
  return [...new Set(keys.map((k) => calculateSlot(k)))].sort((a, b) => a - b);
}

/** One script call a production method made: the Lua text and the keys it declared. */
export interface ScriptCall {
  lua: string;
  keys: string[];
}

/**
 * A stand-in for ioredis that takes `defineCommand` and `eval` as ioredis does (the first `numberOfKeys` arguments
 * are the keys), remembers each call and answers `reply`. SADD (the seat ledger names the event whose attendance
 * stream the control plane follows, a command of its own) is answered and not recorded; any other command is a
 * mistake of the catalogue.
 */
export function recordingRedis(reply: unknown): { redis: Redis; calls: ScriptCall[] } {
  const calls: ScriptCall[] = [];
  const fake: Record<string, unknown> = {
    defineCommand(command: string, definition: { numberOfKeys: number; lua: string }) {
      fake[command] = (...args: unknown[]) => {
        calls.push({ lua: definition.lua, keys: args.slice(0, definition.numberOfKeys).map(String) });
        return Promise.resolve(reply);
      };
    },
    sadd: () => Promise.resolve(1),
    eval(lua: string, numberOfKeys: number, ...args: unknown[]) {
      calls.push({ lua, keys: args.slice(0, numberOfKeys).map(String) });
      return Promise.resolve(reply);
    },
  };
  const redis = new Proxy(fake, {
    get(target, prop) {
      if (typeof prop === 'string' && !(prop in target) && prop !== 'then') {
        throw new Error(`the recording Redis was asked for ${prop}: only scripts are recorded`);
      }
      return target[prop as string];
    },
  });
  return { redis: redis as unknown as Redis, calls };
}

/** A production method that runs a script, with sample arguments of the shape the callers pass. */
export interface LuaUse {
  name: string;
  /** What the recording Redis answers, shaped as the method decodes it. */
  reply: unknown;
  run(redis: Redis): Promise<unknown>;
}

const config = readConfig(controlPlaneSettings, { ...testSecrets() });
const PREFIX = config.REDIS_PREFIX;
const EVENT_ID = '6f1c1b9e-3d1f-4c4e-9a59-2f1d3c8b7a10';
const terms: AdmissionTerms = { attendeeLimit: 10, bufferPercent: 10, overagePolicy: 'bill', overageCap: null };
const event: LedgerEvent = { eventId: EVENT_ID, terms, liveCutoffMs: null };
const member = attachmentMember('registrant-1', 'device-1');
const ledger = (redis: Redis): SeatLedger => new SeatLedger(redis, PREFIX, { leaseMs: 30_000 });

const order: OrderRecord = {
  id: 'order-1',
  accountId: 'account-1',
  seats: 10,
  attendeeLimit: 10,
  bufferPercent: 10,
  overageRateCents: 100,
  overagePolicy: 'bill',
  overageCap: null,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validUntil: new Date('2027-01-01T00:00:00Z'),
  createdAt: new Date('2026-01-01T00:00:00Z'),
};
const eventRecord: EventRecord = {
  id: EVENT_ID,
  accountId: order.accountId,
  orderId: order.id,
  organizerId: 'organizer-1',
  title: 'Quarterly results',
  description: '',
  startsAt: new Date('2026-12-04T15:00:00Z'),
  endsAt: new Date('2026-12-04T16:00:00Z'),
  timeZone: 'Europe/Berlin',
  mode: 'live',
  playAsLive: false,
  attendeeLimit: 10,
  state: 'scheduled',
  streamKey: 'stream-key-1',
  publicSlug: 'quarterly-results',
  actualStartAt: null,
  endedAt: null,
  endReason: null,
  version: 1,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
};
const orders = { findById: () => Promise.resolve(order) } as unknown as OrdersRepository;

/** Each call into production code that runs a Lua script (one script, once or once per key). */
export const LUA_USES: readonly LuaUse[] = [
  { name: 'SeatLedger.acquire', reply: '{}', run: (r) => ledger(r).acquire(event, 'registrant-1', 'device-1', 'n1') },
  { name: 'SeatLedger.renew', reply: '{}', run: (r) => ledger(r).renew(event, [member]) },
  {
    name: 'SeatLedger.heal',
    reply: '{}',
    run: (r) => ledger(r).heal(event, 'n1', [{ member, told: { seated: 'included' }, order: 1 }]),
  },
  { name: 'SeatLedger.release', reply: '{}', run: (r) => ledger(r).release(event, member) },
  { name: 'SeatLedger.detach', reply: '{}', run: (r) => ledger(r).detach(event, member, 5_000) },
  { name: 'SeatLedger.sweep', reply: '{}', run: (r) => ledger(r).sweep(event) },
  { name: 'SeatLedger.end', reply: '{}', run: (r) => ledger(r).end(event, 'organizer') },
  { name: 'SeatLedger.positions', reply: '{}', run: (r) => ledger(r).positions(event, ['registrant-1']) },
  { name: 'SeatLedger.status', reply: '{}', run: (r) => ledger(r).status(event) },
  { name: 'SeatLedger.luaTiers', reply: [], run: (r) => ledger(r).luaTiers(terms, [1, 11, 12]) },
  {
    name: 'ChatRoom.send',
    reply: '{"ok":false,"reason":"not-seated"}',
    run: (r) => new ChatRoom(r, PREFIX).send(EVENT_ID, 'registrant-1', 'Hello'),
  },
  { name: 'ChatModeration.hide', reply: 0, run: (r) => new ChatModeration(r, PREFIX).hide(EVENT_ID, '1-0') },
  { name: 'ChatModeration.restore', reply: null, run: (r) => new ChatModeration(r, PREFIX).restore(EVENT_ID, '1-0') },
  {
    name: 'QaRoom.ask',
    reply: '{"ok":false,"reason":"not-seated"}',
    run: (r) => new QaRoom(r, PREFIX).ask(EVENT_ID, 'registrant-1', 'Why?', false),
  },
  {
    name: 'QaRoom.upvote',
    reply: '{"ok":false,"reason":"not-seated"}',
    run: (r) => new QaRoom(r, PREFIX).upvote(EVENT_ID, 'registrant-1', '1-0'),
  },
  {
    name: 'QaRoom.moderate',
    reply: '{"ok":false,"reason":"unknown-question"}',
    run: (r) =>
      new QaRoom(r, PREFIX).moderate(
        EVENT_ID,
        '1-0',
        'open',
        { status: 'dismissed', answer: null, answeredLive: false, pinned: false },
        'moderator-1',
      ),
  },
  {
    name: 'PollRoom.vote',
    reply: '{"ok":false,"reason":"not-seated"}',
    run: (r) => new PollRoom(r, PREFIX).vote(EVENT_ID, 'registrant-1', '0e7b1c7a-5d2e-4f7a-8c1b-3a9d2e4f6b10', [0, 2]),
  },
  {
    name: 'RedisRateLimiter.hit',
    reply: 0,
    // as the join-info route counts a link
    run: (r) =>
      new RedisRateLimiter(r, config).hit({
        key: `join-info:${tokenDigest('a join token')}`,
        limit: config.JOIN_INFO_RATE_LIMIT,
        windowMs: config.JOIN_INFO_RATE_WINDOW,
      }),
  },
  {
    name: 'RegistrationRateLimiter.hit',
    reply: [1, 1000],
    run: (r) => new RegistrationRateLimiter(r, config).hit('ada@example.com', '203.0.113.7'),
  },
  {
    name: 'EventSnapshotWriter.write',
    reply: 1,
    // only write() runs: the lifecycle, events and metrics it is built with are for its start-up and timer
    run: (r) => new EventSnapshotWriter({} as never, {} as never, orders, r, config, {} as never).write(eventRecord),
  },
];

/**
 * What a use sends to Redis: each script call it makes and that call's keys (one call, or one per key when a script
 * moves a single key, as the registration limiter's counters do).
 */
export async function recordUse(use: LuaUse, sources: LuaSource[]): Promise<{ script: LuaSource; keys: string[] }[]> {
  const { redis, calls } = recordingRedis(use.reply);
  await use.run(redis);
  if (calls.length === 0) throw new Error(`${use.name} ran no script`);
  return calls.map((c) => ({ script: sourceOf(c.lua, sources), keys: c.keys }));
}

/** Whether an error is Redis Cluster refusing keys of several slots (in one command, or inside a script). */
export function isCrossSlot(error: unknown): boolean {
  return /CROSSSLOT|hash to the same slot|non local key/i.test(error instanceof Error ? error.message : String(error));
}
