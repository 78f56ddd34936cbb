import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { eventually, freePort, processAlive } from '#test-support';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';
import { exited, publish } from '#test-support/live-stack';

// Fuzzed RTMP at the ingest process (the built app as a child process, against a real control plane): malformed
// handshakes, garbage after a good one, chunk streams with absurd sizes and commands with bad AMF. Every case ends
// with the connection closed and ingest still up; afterwards /health is 200 and a real ffmpeg publish takes the event
// live. FUZZ_RUNS=n sets the cases per surface.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const MAIN = resolve(__dirname, '../src/main.js');
const HANDSHAKE_SIZE = 1536;

/** C0 (version 3), C1 and C2 as a client sends them: the server reads 1 + 2 × 1536 bytes before any chunk. */
const goodHandshake = () => Buffer.concat([Buffer.from([3]), Buffer.alloc(2 * HANDSHAKE_SIZE, 7)]);

/** One chunk of a message on chunk stream `cid` (basic header of 1, 2 or 3 bytes), format 0 unless told. */
function chunk(o: { cid: number; type: number; length?: number; streamId?: number; fmt?: number; timestamp?: number }) {
  const fmt = o.fmt ?? 0;
  const basic =
    o.cid < 64
      ? Buffer.from([(fmt << 6) | o.cid])
      : o.cid < 320
        ? Buffer.from([fmt << 6, o.cid - 64])
        : Buffer.from([(fmt << 6) | 1, (o.cid - 64) & 0xff, ((o.cid - 64) >> 8) & 0xff]);
  const header = Buffer.alloc([11, 7, 3, 0][fmt]);
  if (fmt <= 2) header.writeUIntBE(Math.min(o.timestamp ?? 0, 0xffffff), 0, 3);
  if (fmt <= 1) {
    header.writeUIntBE(o.length ?? 0, 3, 3);
    header.writeUInt8(o.type, 6);
  }
  if (fmt === 0) header.writeUInt32LE(o.streamId ?? 0, 7);
  const extended = o.timestamp !== undefined && o.timestamp >= 0xffffff ? Buffer.alloc(4) : Buffer.alloc(0);
  if (extended.length) extended.writeUInt32BE(o.timestamp! >>> 0);
  return Buffer.concat([basic, header, extended]);
}

/** A whole message on chunk stream `cid` (< 64), cut into chunks of the default chunk size, 128 bytes. */
function message(cid: number, type: number, body: Buffer, streamId = 0): Buffer {
  const parts = [chunk({ cid, type, length: body.length, streamId }), body.subarray(0, 128)];
  for (let at = 128; at < body.length; at += 128) parts.push(Buffer.from([0xc0 | cid]), body.subarray(at, at + 128));
  return Buffer.concat(parts);
}

// AMF0, as far as commands need it
type Amf = number | boolean | string | null | undefined | { [key: string]: Amf } | Amf[];
function amf(v: Amf): Buffer {
  if (typeof v === 'number') {
    const b = Buffer.alloc(9);
    b[0] = 0x00;
    b.writeDoubleBE(v, 1);
    return b;
  }
  if (typeof v === 'boolean') return Buffer.from([0x01, v ? 1 : 0]);
  if (typeof v === 'string') return Buffer.concat([Buffer.from([0x02]), amfKey(v)]);
  if (v === null) return Buffer.from([0x05]);
  if (v === undefined) return Buffer.from([0x06]);
  if (Array.isArray(v)) {
    const n = Buffer.alloc(5);
    n[0] = 0x0a;
    n.writeUInt32BE(v.length, 1);
    return Buffer.concat([n, ...v.map(amf)]);
  }
  const fields = Object.entries(v).map(([k, x]) => Buffer.concat([amfKey(k), amf(x)]));
  return Buffer.concat([Buffer.from([0x03]), ...fields, Buffer.from([0x00, 0x00, 0x09])]);
}
function amfKey(s: string): Buffer {
  const b = Buffer.from(s.slice(0, 1000));
  const n = Buffer.alloc(2);
  n.writeUInt16BE(b.length);
  return Buffer.concat([n, b]);
}
const amfValue: fc.Arbitrary<Amf> = fc.letrec<{ v: Amf }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double(),
    fc.boolean(),
    fc.string({ maxLength: 60 }),
    fc.constant(null),
    fc.constant(undefined),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('v'), { maxKeys: 4 }),
    fc.array(tie('v'), { maxLength: 4 }),
  ),
})).v;

/** Sends the bytes, half-closes, and resolves when ingest has closed its side: it read everything first. */
function send(port: number, bytes: Buffer): Promise<'closed' | 'refused' | 'reset'> {
  return new Promise((resolve) => {
    let connected = false;
    const socket = connect({ host: '127.0.0.1', port }, () => {
      connected = true;
      socket.end(bytes);
    });
    socket.on('data', () => {});
    socket.on('error', (e: NodeJS.ErrnoException) =>
      resolve(!connected ? 'refused' : e.code === 'EPIPE' ? 'closed' : 'reset'),
    );
    socket.on('close', () => resolve(connected ? 'closed' : 'refused'));
  });
}

describe('ingest under fuzzed RTMP (control plane + the ingest process)', { timeout: 600_000 }, () => {
  let h: ControlPlaneHarness;
  let ingest: ChildProcess;
  let rtmpPort: number;
  let healthUrl: string;
  let dataDir: string;
  const output: string[] = [];
  const counts: Record<string, Record<string, number>> = {};
  const count = (surface: string, outcome: string) => {
    const c = (counts[surface] ??= {});
    c[outcome] = (c[outcome] ?? 0) + 1;
  };
  const tail = () => output.join('').slice(-3000);

  before(async () => {
    rtmpPort = await freePort();
    const httpPort = await freePort();
    healthUrl = `http://127.0.0.1:${httpPort}/health`;
    h = await startControlPlane({ LIVE_RTMP_URL: `rtmp://127.0.0.1:${rtmpPort}/live` });
    dataDir = mkdtempSync(join(tmpdir(), 'ingest-fuzz-'));
    ingest = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        RTMP_PORT: String(rtmpPort),
        INGEST_HTTP_PORT: String(httpPort),
        CONTROL_PLANE_URL: h.url,
        INTERNAL_API_TOKEN: h.config.INTERNAL_API_TOKEN,
        REDIS_URL: h.config.REDIS_URL,
        REDIS_PREFIX: h.config.REDIS_PREFIX,
        INGEST_DATA_DIR: dataDir,
        KEY_CACHE_REFRESH: '300ms',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    ingest.stdout!.on('data', (d: Buffer) => output.push(String(d)));
    ingest.stderr!.on('data', (d: Buffer) => output.push(String(d)));
    await eventually(async () => (await fetch(healthUrl)).status === 200, {
      timeout: 30_000,
      message: () => `ingest's /health at 200\n${tail()}`,
    });
  });

  after(async () => {
    console.log(
      `ingest fuzz cases: ${Object.entries(counts)
        .map(([surface, c]) => {
          const total = Object.values(c).reduce((a, b) => a + b, 0);
          return `${surface} ${total} (${Object.entries(c)
            .map(([o, n]) => `${o} ${n}`)
            .join(', ')})`;
        })
        .join('; ')}`,
    );
    if (ingest && ingest.exitCode === null && ingest.signalCode === null) {
      const gone = new Promise((r) => ingest.once('exit', r));
      ingest.kill('SIGTERM');
      await gone;
    }
    await h?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Each case on a connection of its own; ingest must still be there for the next one. */
  async function hammer(surface: string, cases: fc.Arbitrary<Buffer>, examples: Buffer[] = []) {
    await fc.assert(
      fc.asyncProperty(cases, async (bytes) => {
        const outcome = await send(rtmpPort, bytes);
        count(surface, outcome);
        const what = `${surface}: ${bytes.length} bytes, after the handshake ${bytes.subarray(1 + 2 * HANDSHAKE_SIZE, 1 + 2 * HANDSHAKE_SIZE + 80).toString('hex')}`;
        assert.notEqual(outcome, 'refused', `ingest no longer accepts connections after ${what}\n${tail()}`);
        const health = await fetch(healthUrl).catch((e: Error) => e);
        assert.ok(!(health instanceof Error) && health.status === 200, `ingest is down after ${what}\n${tail()}`);
      }),
      // a dead ingest fails every later case: the first failure is the one to report, unshrunk
      { numRuns: RUNS, endOnFailure: true, examples: examples.map((e) => [e]) },
    );
  }

  it('survives malformed handshakes: any C0 version, short and long C1, a partial C2', async () => {
    await hammer(
      'handshake',
      fc
        .record({
          version: fc.integer({ min: 0, max: 255 }),
          c1: fc.integer({ min: 0, max: 3 * HANDSHAKE_SIZE }),
          fill: fc.integer({ min: 0, max: 255 }),
        })
        .map(({ version, c1, fill }) => Buffer.concat([Buffer.from([version]), Buffer.alloc(c1, fill)])),
    );
  });

  it('survives garbage after a good handshake', async () => {
    await hammer(
      'garbage after handshake',
      fc.uint8Array({ minLength: 1, maxLength: 4000 }).map((b) => Buffer.concat([goodHandshake(), Buffer.from(b)])),
    );
  });

  it('survives chunk streams with absurd sizes, ids, timestamps and chunk sizes', async () => {
    const header = fc.record({
      cid: fc.oneof(fc.integer({ min: 2, max: 63 }), fc.integer({ min: 64, max: 65_599 })),
      fmt: fc.integer({ min: 0, max: 3 }),
      type: fc.integer({ min: 0, max: 255 }),
      length: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(0xffffff), fc.integer({ min: 0, max: 0xffffff })),
      streamId: fc.oneof(fc.nat(), fc.constant(0xffffffff)),
      timestamp: fc.oneof(fc.nat({ max: 0xffffff }), fc.constant(0xffffff), fc.constant(0xffffffff)),
    });
    const setChunkSize = fc.constantFrom(0, 1, 127, 0x7fffffff, 0xffffffff).map((size) => {
      const body = Buffer.alloc(4);
      body.writeUInt32BE(size);
      return message(2, 1, body);
    });
    const windowAck = fc.nat().map((size) => {
      const body = Buffer.alloc(4);
      body.writeUInt32BE(size >>> 0);
      return message(2, 5, body);
    });
    await hammer(
      'chunk streams',
      fc
        .array(
          fc.oneof(
            fc
              .tuple(header, fc.uint8Array({ maxLength: 400 }))
              .map(([h, b]) => Buffer.concat([chunk(h), Buffer.from(b)])),
            setChunkSize,
            windowAck,
          ),
          { minLength: 1, maxLength: 6 },
        )
        .map((parts) => Buffer.concat([goodHandshake(), ...parts])),
    );
  });

  it('survives connect, createStream and publish commands with bad AMF', async () => {
    const cmdObj = fc.oneof(
      amfValue,
      fc.record(
        {
          app: fc.oneof(fc.constant('live'), amfValue),
          tcUrl: fc.oneof(fc.constant(`rtmp://127.0.0.1:${rtmpPort}/live`), fc.string({ maxLength: 80 }), amfValue),
          flashVer: amfValue,
          objectEncoding: amfValue,
        },
        { requiredKeys: [] },
      ),
    );
    const command = (name: Amf, ...args: Amf[]) => Buffer.concat([amf(name), ...args.map(amf)]);
    const goodConnect = command('connect', 1, { app: 'live', tcUrl: `rtmp://127.0.0.1:${rtmpPort}/live` });
    const invokes = fc.oneof(
      // connect with any command object, or bytes that are no AMF at all after the name
      fc.tuple(fc.oneof(fc.constant<Amf>(1), amfValue), cmdObj).map(([id, o]) => [command('connect', id, o)]),
      fc.uint8Array({ maxLength: 120 }).map((b) => [Buffer.concat([amf('connect'), Buffer.from(b)])]),
      fc.tuple(amfValue, fc.array(amfValue, { maxLength: 3 })).map(([name, args]) => [command(name, ...args)]),
      // a good connect, then createStream and publish with names of any type
      fc
        .tuple(fc.array(amfValue, { maxLength: 3 }), fc.oneof(amfValue, fc.string({ maxLength: 80 })), amfValue)
        .map(([createArgs, streamName, kind]) => [
          goodConnect,
          command('createStream', 2, ...createArgs),
          command('publish', 3, null, streamName, kind),
        ]),
      fc
        .oneof(amfValue, fc.string({ maxLength: 80 }))
        .map((streamName) => [goodConnect, command('createStream', 2, null), command('play', 3, null, streamName)]),
    );
    await hammer(
      'commands with bad AMF',
      fc
        .tuple(invokes, fc.boolean())
        .map(([bodies, flex]) =>
          Buffer.concat([
            goodHandshake(),
            ...bodies.map((b) =>
              flex ? message(3, 17, Buffer.concat([Buffer.from([0]), b]), 1) : message(3, 20, b, 1),
            ),
          ]),
        ),
      // found by this test: a connect whose command object is a number (no tcUrl) crashed node-media-server's parser
      [Buffer.concat([goodHandshake(), message(3, 20, command('connect', 1, 5))])],
    );
  });

  it('afterwards: ingest is alive, /health is 200, and a real publish takes its event live', async () => {
    assert.ok(processAlive(ingest.pid!), `ingest is alive\n${tail()}`);
    assert.equal(ingest.exitCode, null);
    const health = await fetch(healthUrl);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', checks: { redis: 'up', keyCache: 'up' } });

    const customer = await h.seed();
    const api = h.api(customer.organizer.token);
    const created = await api.post('/api/events', {
      title: 'After the fuzz',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const publisher = publish(`rtmp://127.0.0.1:${rtmpPort}/live/${created.body.streamKey}`, 4);
    await eventually(async () => (await api.get(`/api/events/${created.body.id}`)).body.state === 'live', {
      timeout: 20_000,
      message: () => `the event went live from a real publish\n${tail()}`,
    });
    assert.equal(await exited(publisher), 0);
  });
});
