import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { WebSocket } from 'ws';
import { joinStorm, steadyViewing } from '#test-support/admission-load-scenarios';
import {
  AdmissionCluster,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

const ROOT = resolve(__dirname, '../../../..');

// The k6 scripts cannot run here (no k6), so: they must type-check against @types/k6, their hand-made Socket.IO
// framing must work against a real node, and the Node harness runs the same scenarios at a small scale.
describe('load tests', () => {
  let cluster: AdmissionCluster;
  before(async () => {
    cluster = await startAdmissionCluster('load', {
      PLAYBACK_TOKEN_TTL: '3s',
      PLAYBACK_REFRESH_INTERVAL: '1s',
      COUNT_INTERVAL: '500ms',
    });
  });
  after(() => cluster.close());

  it('k6 scripts type-check against @types/k6 (npm run typecheck:load-tests)', async () => {
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', resolve(ROOT, 'load-tests/tsconfig.json')], { cwd: ROOT });
  });

  it('the k6 Socket.IO framing is understood by a real admission node', async () => {
    const frames = loadFramesModule();
    const ev = liveEvent({ attendeeLimit: 1, bufferPercent: 0, overagePolicy: 'block' });
    await cluster.publishEvent(ev);
    const talk = (token: string) =>
      new Promise<{ status: string; reason?: string }>((done, fail) => {
        const sock = new WebSocket(frames.socketUrl(cluster.nodes[0].url));
        sock.on('error', fail);
        sock.on('message', (data: Buffer) => {
          const f = frames.parseFrame(String(data));
          if (f.kind === 'open') sock.send(frames.connectFrame({ token, eventId: ev.id, deviceId: 'k6' }));
          if (f.kind === 'ping') sock.send(frames.PONG);
          if (f.kind === 'connect_error') {
            sock.close();
            done({ status: 'connect_error', reason: f.reason });
          }
          if (f.kind === 'event' && f.name === 'decision') {
            const d = f.payload as { status: string };
            if (d.status === 'admitted') sock.send(frames.eventFrame('leave', undefined, 7));
            else {
              sock.close();
              done(d);
            }
          }
          if (f.kind === 'ack') {
            assert.equal(f.id, 7);
            sock.close();
            done({ status: 'left' });
          }
        });
      });
    assert.deepEqual(await talk(joinToken(ev.id)), { status: 'left' });
    assert.deepEqual(await talk('bad'), { status: 'connect_error', reason: 'token-invalid' });
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 0, "the ack'd leave freed the seat");
  });

  it('Node harness: a join storm over both nodes, then steady viewing with playback-token refresh', async () => {
    const ev = liveEvent({ attendeeLimit: 200, overagePolicy: 'bill' });
    await cluster.publishEvent(ev);
    const storm = await joinStorm(
      Array.from({ length: 300 }, (_, i) => ({
        url: cluster.nodes[i % 2].url,
        token: joinToken(ev.id),
        eventId: ev.id,
        deviceId: 'node',
      })),
      50,
    );
    const tiers = storm.outcomes.map((o) => o.tier ?? o.decision);
    assert.deepEqual(
      [
        tiers.filter((t) => t === 'included').length,
        tiers.filter((t) => t === 'buffer').length,
        tiers.filter((t) => t === 'overage').length,
      ],
      [200, 20, 80],
    );
    const viewing = await steadyViewing(storm.outcomes.slice(0, 100), 4000, 1);
    for (const o of storm.outcomes) o.socket.close();
    assert.deepEqual({ refreshed: viewing.refreshed, dropped: viewing.dropped }, { refreshed: 100, dropped: 0 });
    assert.ok(viewing.viewerCounts >= 100);
  });
});

/** load-tests/lib/socketio-frames.ts has no imports, so it transpiles to a module Node can load as is. */
interface Frames {
  socketUrl(httpBase: string): string;
  connectFrame(auth: Record<string, string>): string;
  eventFrame(name: string, payload?: unknown, ackId?: number): string;
  PONG: string;
  parseFrame(raw: string): { kind: string; name?: string; payload?: unknown; reason?: string; id?: number };
}

function loadFramesModule(): Frames {
  const source = readFileSync(resolve(ROOT, 'load-tests/lib/socketio-frames.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  const mod = { exports: {} as Record<string, unknown> };
  // The k6 module is evaluated as k6 would: plain JS, no Node loader in between.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('module', 'exports', js)(mod, mod.exports);
  return mod.exports as unknown as Frames;
}
