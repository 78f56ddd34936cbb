import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import fc from 'fast-check';
import { CLIENT_EVENTS, ChatRefusalCode, RefusalCode } from '#contracts';
import { ControlPlaneClient } from '#ingest';
import { socketUrl } from '#socketio-frames';
import { eventually, processAlive } from '#test-support';
import { BareWebSocket } from '#test-support/admission-bare-websocket';
import { AdmissionCluster, Attendee, startAdmissionCluster } from '#test-support/admission-cluster';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// Fuzzed inputs at an admission node (a child process) while real attendees watch: malformed handshakes, Engine.IO
// and Socket.IO frames over a bare websocket, websocket frames no client may send, and every client event with
// payloads of any shape. Each case gets an answer or a closed connection (never a hang); afterwards the node is
// healthy and every seated attendee is still connected, seated and refreshed. FUZZ_RUNS=n sets the cases per surface.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const MAX_HTTP_BUFFER = 16_384;
/** Long enough for any answer on this machine; a case past it hung the connection, which is the failure. */
const CASE_DEADLINE_MS = 15_000;
const REFUSALS: readonly string[] = [
  'bad-request',
  'token-missing',
  'token-tampered',
  'token-expired',
  'token-invalid',
  'other-event',
  'event-unknown',
  'event-not-started',
  'event-ended',
  'event-cancelled',
  'unavailable',
] satisfies (RefusalCode | 'unavailable')[];
const CHAT_REFUSALS: readonly string[] = [
  'bad-request',
  'empty',
  'too-long',
  'control-characters',
  'rate-limited',
  'slow-mode',
  'room-busy',
] satisfies ChatRefusalCode[];
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error'];

/** Rejects, naming the case, when the node neither answered nor closed the connection in time. */
function within<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer and no close: ${what}`)), CASE_DEADLINE_MS);
  });
  return Promise.race([p, hung]).finally(() => clearTimeout(timer));
}

type SessionEnd = { kind: 'answered'; frame: string } | { kind: 'closed' } | { kind: 'hung-up' };

/**
 * An Engine.IO session over a bare websocket: once the node's open packet arrives, `act` sends the case. Then either
 * we hang up (`act` returned false: bytes after which no frame boundary can be trusted), or we wait for the first
 * frame `answer` accepts, or the close.
 */
function session(
  base: string,
  act: (ws: BareWebSocket) => boolean,
  answer: (frame: string) => boolean,
): Promise<SessionEnd> {
  return new Promise((resolve) => {
    let opened = false;
    const ws: BareWebSocket = new BareWebSocket(socketUrl(base), {
      open: () => {},
      text: (f) => {
        if (!opened && f.startsWith('0')) {
          opened = true;
          if (!act(ws)) {
            ws.terminate();
            resolve({ kind: 'hung-up' });
          }
        } else if (f === '2') ws.send('3');
        else if (opened && answer(f)) {
          ws.terminate();
          resolve({ kind: 'answered', frame: f });
        }
      },
      close: () => resolve({ kind: 'closed' }),
    });
  });
}

/** A Socket.IO CONNECT to a namespace the node does not have: a live connection answers it with "Invalid namespace". */
const PROBE = '40/probe,';
const isProbeAnswer = (f: string) => f.startsWith('44/probe,');

/** One raw HTTP request; the status code of the answer, or null when the node closed without one. */
function rawHttp(port: number, request: string): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let head = '';
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const line = head.indexOf('\r\n');
      if (line >= 0) {
        socket.destroy();
        resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head.slice(0, line))?.[1] ?? -1));
      }
    });
    socket.on('error', () => resolve(null));
    socket.on('close', () => resolve(null));
    socket.end(request);
  });
}

const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));

describe('admission under fuzzed input (control plane + 1 admission node)', { timeout: 600_000 }, () => {
  let h: ControlPlaneHarness;
  let cluster: AdmissionCluster;
  let eventId: string;
  let fuzzToken: string;
  const seatedTokens: string[] = [];
  const attendees: Attendee[] = [];
  const seated: Attendee[] = [];
  /** Cases tried per surface, and how the node ended each. */
  const counts: Record<string, Record<string, number>> = {};
  const count = (surface: string, outcome: string) => {
    const c = (counts[surface] ??= {});
    c[outcome] = (c[outcome] ?? 0) + 1;
  };
  const node = () => cluster.nodes[0];
  const join = (token: string, deviceId = 'laptop') => {
    const a = new Attendee(node().url, { token, eventId, deviceId });
    attendees.push(a);
    return a;
  };

  before(async () => {
    h = await startControlPlane();
    cluster = await startAdmissionCluster(
      'fuzz',
      {
        JOIN_TOKEN_SECRET: h.config.JOIN_TOKEN_SECRET,
        PLAYBACK_TOKEN_SECRET: h.config.PLAYBACK_TOKEN_SECRET,
        PLAYBACK_TOKEN_TTL: '3s',
        PLAYBACK_REFRESH_INTERVAL: '1s',
        COUNT_INTERVAL: '500ms',
        SWEEP_INTERVAL: '250ms',
        RENEW_INTERVAL: '500ms',
      },
      1,
      h.config.REDIS_PREFIX,
    );
    const customer = await h.seed();
    const org = h.api(customer.organizer.token);
    const created = await org.post('/api/events', {
      title: 'Fuzzed admission',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
    // the presenter goes live as ingest would report it
    await new ControlPlaneClient(h.url, h.config.INTERNAL_API_TOKEN).publish(created.body.streamKey);
    for (let i = 0; i < 5; i++) {
      const r = await org.post(`/api/events/${eventId}/registrations`, {
        name: `Attendee ${i}`,
        email: `fuzz.attendee.${i}@example.org`,
        sendInvitation: false,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      seatedTokens.push(r.body.joinToken);
    }
    fuzzToken = seatedTokens.pop()!;
    seated.push(...seatedTokens.map((t) => join(t)));
    const decisions = await Promise.all(seated.map((a) => a.decision));
    assert.ok(
      decisions.every((d) => d.status === 'admitted'),
      JSON.stringify(decisions),
    );
  });

  after(async () => {
    console.log(
      `admission fuzz cases: ${Object.entries(counts)
        .map(([surface, c]) => {
          const total = Object.values(c).reduce((a, b) => a + b, 0);
          return `${surface} ${total} (${Object.entries(c)
            .map(([o, n]) => `${o} ${n}`)
            .join(', ')})`;
        })
        .join('; ')}`,
    );
    for (const a of attendees) a.close();
    await cluster?.close();
    await h?.close();
  });

  it('answers or refuses every malformed handshake request, never with a 5xx', async () => {
    const header = fc.tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 200 }));
    const request = fc.record({
      method: fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'OPTIONS', 'BREW'),
      path: fc.constantFrom('/socket.io/', '/socket.io', '/', '/socket.io/x/', '/health'),
      eio: fc.constantFrom('4', '3', '5', '0', 'x', ''),
      transport: fc.constantFrom('websocket', 'polling', 'webtransport', 'x', ''),
      sid: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      query: fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 100 }), { maxKeys: 5 }),
      hugeQuery: fc.option(fc.integer({ min: 1_000, max: 80_000 }), { nil: undefined }),
      upgrade: fc.boolean(),
      key: fc.oneof(fc.constant('dGhlIHNhbXBsZSBub25jZQ=='), fc.string({ maxLength: 40 })),
      version: fc.constantFrom('13', '8', '', 'x'),
      headers: fc.array(header, { maxLength: 4 }),
      hugeHeader: fc.option(fc.integer({ min: 1_000, max: 80_000 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const q = new URLSearchParams({ EIO: r.eio, transport: r.transport, ...r.query });
        if (r.sid !== undefined) q.set('sid', r.sid);
        if (r.hugeQuery) q.set('pad', 'q'.repeat(r.hugeQuery));
        const lines = [`${r.method} ${r.path}?${q} HTTP/1.1`, `Host: 127.0.0.1:${node().port}`];
        if (r.upgrade) lines.push('Connection: Upgrade', 'Upgrade: websocket');
        lines.push(`Sec-WebSocket-Key: ${r.key}`, `Sec-WebSocket-Version: ${r.version}`);
        for (const [name, value] of r.headers) lines.push(`${name}: ${value}`);
        if (r.hugeHeader) lines.push(`X-Pad: ${'h'.repeat(r.hugeHeader)}`);
        const status = await within(
          JSON.stringify(r).slice(0, 500),
          rawHttp(node().port, `${lines.join('\r\n')}\r\n\r\n`),
        );
        count('handshake', status === null ? 'closed' : String(status));
        assert.ok(
          status === null || (status >= 100 && status < 500),
          `${status} for ${JSON.stringify(r).slice(0, 500)}`,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every CONNECT with a bad auth with a reason of the protocol, or closes when it is too large', async () => {
    const [head, payload, sig] = fuzzToken.split('.');
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // a changed character in the header or payload (never a segment's last, whose low bits base64url may ignore)
    const tampered = fc.tuple(fc.nat(), fc.constantFrom(...b64.split('')), fc.boolean()).map(([at, c, inHead]) => {
      const seg = inHead ? head : payload;
      const i = at % (seg.length - 1);
      const changed = seg.slice(0, i) + (seg[i] === c ? (c === 'A' ? 'B' : 'A') : c) + seg.slice(i + 1);
      return inHead ? `${changed}.${payload}.${sig}` : `${head}.${changed}.${sig}`;
    });
    const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 100 }));
    const auth = fc.oneof(
      json,
      fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 3 })).map((v) => JSON.stringify(v)),
      fc
        .record({
          token: fc.oneof(anyValue, tampered, fc.constant(fuzzToken.slice(0, -1))),
          eventId: fc.oneof(anyValue, fc.constant(eventId)),
          deviceId: fc.oneof(anyValue, fc.constant('laptop')),
        })
        // the one combination that is a real, valid join: not a bad input
        .filter((a) => !(a.token === fuzzToken && a.eventId === eventId && a.deviceId === 'laptop'))
        .map((v) => JSON.stringify(v)),
      fc
        .integer({ min: 4_000, max: 3 * MAX_HTTP_BUFFER })
        .map((n) => JSON.stringify({ token: 't'.repeat(n), eventId, deviceId: 'laptop' })),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(auth, async (a) => {
        const end = await within(
          a.slice(0, 300),
          session(
            node().url,
            (ws) => {
              ws.send(`40${a}`);
              return true;
            },
            (f) => f.startsWith('40') || f.startsWith('44'),
          ),
        );
        const f = end.kind === 'answered' ? end.frame : '';
        // text starting with "/" names a namespace (up to a comma), which this node does not have
        const otherNamespace = f.startsWith('44/');
        count('connect-auth', end.kind === 'closed' ? 'closed' : otherNamespace ? 'no such namespace' : 'refused');
        if (end.kind === 'closed') return;
        assert.equal(end.kind, 'answered');
        if (otherNamespace) return assert.match(f, /"Invalid namespace"/);
        assert.ok(f.startsWith('44{'), `a bad auth was admitted: ${a.slice(0, 300)} → ${f}`);
        const refusal = JSON.parse(f.slice(2)) as { data?: { reason?: string; message?: string } };
        assert.ok(REFUSALS.includes(refusal.data?.reason ?? ''), `${a.slice(0, 300)} → ${f}`);
        assert.ok((refusal.data?.message ?? '').length > 5, `the refusal has a sentence: ${f}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers or closes after any Engine.IO or Socket.IO text frame', async () => {
    const frames = fc.oneof(
      text,
      fc.tuple(fc.integer({ min: 0, max: 9 }), text).map(([t, s]) => `${t}${s}`),
      fc
        .record({
          type: fc.integer({ min: 0, max: 9 }),
          nsp: fc.constantFrom('', '/', '/x,', '/probe,', '/,'),
          id: fc.option(fc.nat(), { nil: undefined }),
          body: fc.oneof(json, text),
        })
        .map((p) => `4${p.type}${p.nsp}${p.id ?? ''}${p.body}`),
      fc
        .tuple(fc.oneof(fc.constantFrom(...RESERVED, ...CLIENT_EVENTS), fc.jsonValue()), fc.array(fc.jsonValue()))
        .map(([name, args]) => `42${JSON.stringify([name, ...args])}`),
      // a binary event whose attachments never come, then our text probe
      fc.nat({ max: 5 }).map((n) => `45${n}-["leave",{"_placeholder":true,"num":0}]`),
      fc.integer({ min: MAX_HTTP_BUFFER + 1, max: 6 * MAX_HTTP_BUFFER }).map((n) => `42["leave","${'x'.repeat(n)}"]`),
    );
    await fc.assert(
      fc.asyncProperty(frames, async (f) => {
        const end = await within(
          f.slice(0, 300),
          session(
            node().url,
            (ws) => {
              ws.send(f);
              ws.send(PROBE);
              return true;
            },
            isProbeAnswer,
          ),
        );
        count('engine.io-text', end.kind);
        assert.notEqual(end.kind, 'hung-up');
      }),
      { numRuns: RUNS },
    );
  });

  it('survives websocket frames no client may send: binary garbage, bad opcodes, fragments, oversized, unframed', async () => {
    const bytes = fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b));
    const cases = fc.oneof(
      bytes.map((payload) => ({ what: 'binary garbage', firstByte: 0x82, payload, probe: true })),
      fc
        .tuple(fc.integer({ min: 0, max: 255 }), bytes)
        .map(([firstByte, payload]) => ({ what: `first byte ${firstByte}`, firstByte, payload, probe: true })),
      fc.integer({ min: MAX_HTTP_BUFFER + 1, max: 6 * MAX_HTTP_BUFFER }).map((n) => ({
        what: `binary of ${n} bytes`,
        firstByte: 0x82,
        payload: Buffer.alloc(n, 0x34),
        probe: true,
      })),
      bytes.map((payload) => ({ what: 'unframed bytes', firstByte: -1, payload, probe: false })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const end = await within(
          `${c.what}: ${c.payload.subarray(0, 40).toString('hex')}`,
          session(
            node().url,
            (ws) => {
              if (c.firstByte < 0) ws.writeRaw(c.payload);
              else ws.sendFrame(c.firstByte, c.payload);
              if (c.probe) ws.send(PROBE);
              return c.probe;
            },
            isProbeAnswer,
          ),
        );
        count('websocket-frames', end.kind);
        assert.ok(c.probe ? end.kind !== 'hung-up' : end.kind !== 'answered', c.what);
      }),
      { numRuns: RUNS },
    );
  });

  it('takes any client event with any payload from a seated attendee; leave always gives the seat up', async () => {
    const names = fc.oneof(
      fc.constantFrom(...CLIENT_EVENTS),
      fc.string({ maxLength: 40 }).filter((n) => !RESERVED.includes(n)),
    );
    const arg = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }),
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
    );
    const emits = fc.record({ name: names, args: fc.array(arg, { maxLength: 4 }), ack: fc.boolean() });
    let fuzzer = join(fuzzToken);
    assert.equal((await fuzzer.decision).status, 'admitted');
    const seatAgain = async (what: string, afterLeave: boolean) => {
      fuzzer.close();
      fuzzer = join(fuzzToken);
      const again = await within(what, fuzzer.decision);
      assert.equal(again.status, 'admitted', what);
      // the seat was freed at once: the same link is admitted again as a fresh seat, not reattached
      if (afterLeave) assert.equal(again.status === 'admitted' && again.reattached, false, what);
    };
    await fc.assert(
      fc.asyncProperty(emits, async (e) => {
        count('client-events', e.name === 'leave' || e.name === 'chat:send' ? e.name : 'other');
        // a failed case (and fast-check's shrinking after it) may have left the attendee unseated
        if (!fuzzer.socket.connected) await seatAgain('a seat after a failed case', false);
        const what = `${e.name}(${JSON.stringify(e.args)?.slice(0, 200)}${e.ack ? ', ack' : ''})`;
        if (e.name === 'chat:send' && e.ack) {
          // a chat message is accepted, or refused with a reason of the protocol and a sentence
          const answer = (await within(
            what,
            // the fuzzed arguments are any shape: typed as leave's, whose only argument is the ack
            new Promise<unknown>((r) => fuzzer.socket.emit('chat:send' as 'leave', ...(e.args as []), r)),
          )) as { ok?: unknown; id?: unknown; reason?: unknown; message?: unknown };
          if (answer.ok === true) return assert.equal(typeof answer.id, 'string', what);
          assert.equal(answer.ok, false, what);
          assert.ok(CHAT_REFUSALS.includes(answer.reason as string), `${what} → ${JSON.stringify(answer)}`);
          assert.ok(typeof answer.message === 'string' && answer.message.length > 5, what);
          return;
        }
        if (e.name !== 'leave') {
          // nothing answers an event the protocol does not have: the attendee just stays connected
          if (e.ack) fuzzer.socket.emit(e.name as 'leave', ...(e.args as []), () => {});
          else fuzzer.socket.emit(e.name as 'leave', ...(e.args as []));
          return;
        }
        const gone = new Promise<void>((r) => fuzzer.socket.once('disconnect', () => r()));
        if (e.ack) {
          const answer = await within(
            what,
            new Promise<unknown>((r) => fuzzer.socket.emit('leave', ...(e.args as []), r)),
          );
          assert.deepEqual(answer, { ok: true }, what);
        } else {
          fuzzer.socket.emit('leave', ...(e.args as []));
        }
        await within(what, gone);
        await seatAgain(what, true);
      }),
      // found by this test: a leave carrying a payload before its ack was never answered
      { numRuns: RUNS, examples: [[{ name: 'leave', args: [{}], ack: true }]] },
    );
    // every earlier event was taken in order: the last leave is answered on the same connection
    assert.ok(fuzzer.socket.connected, 'the fuzzing attendee is still connected');
    assert.deepEqual(await within('the final leave', fuzzer.leave()), { ok: true });
  });

  it('afterwards: the node is alive and healthy, every seated attendee still connected, seated and refreshed', async () => {
    assert.ok(processAlive(node().child.pid!), 'the admission process is alive');
    assert.equal(node().child.exitCode, null);
    const health = await fetch(`${node().url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', checks: { redis: 'up' } });
    assert.ok(
      seated.every((a) => a.socket.connected),
      'every seated attendee is still connected',
    );
    assert.ok(
      seated.every((a) => !a.received.some((r) => r.event === 'lost' || r.event === 'ended')),
      'no seated attendee lost their seat',
    );
    // each still gets fresh playback tokens and the count of exactly the seated attendees
    await Promise.all(
      seated.map(async (a) => {
        const before = a.received.filter((r) => r.event === 'playback-token').length;
        await a.next('playback-token', () => a.received.filter((r) => r.event === 'playback-token').length > before);
      }),
    );
    const seatedCount = seated.length;
    const heard = seated.map((a) => a.received.length);
    await Promise.all(
      seated.map((a, i) =>
        eventually(
          () =>
            a.received
              .slice(heard[i])
              .some((r) => r.event === 'viewers' && (r.payload as { viewers: number }).viewers === seatedCount),
          { timeout: 10_000, message: 'a viewer count of the seated attendees' },
        ),
      ),
    );
    // and a newcomer is still admitted
    const late = join(seatedTokens[0], 'phone');
    assert.equal((await late.decision).status, 'admitted');
    assert.doesNotMatch(node().output.join(''), /"level":(50|60)/, 'the node logged no error');
  });
});
