import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { openEventStream } from '../src/api/event-stream';
import { sessionStore } from '../src/auth/session-store';
import type { ServerSentEvent } from '../src/api/sse-parser';

// The console's reader of the progress channel against a real HTTP server: it sends the access token as a header,
// reconnects when the connection drops, and stops at the final event or on a refusal.
describe("the console's event stream reader", () => {
  let server: http.Server;
  let base: string;
  const requests: Array<{ path: string; authorization?: string }> = [];
  let connections = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.url === '/refused') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'no media asset with id x' }));
        return;
      }
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (connections === 1) {
        // the first connection drops half-way through an event
        res.write('retry: 50\nevent: asset\ndata: {"progress":10}\n\nevent: asset\ndata: {"prog');
        setImmediate(() => res.destroy());
        return;
      }
      res.write('event: asset\ndata: {"progress":40}\n\n');
      res.end('event: asset\ndata: {"progress":100,"final":true}\n\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('sends the access token, reconnects after a drop and stops at the final event', async () => {
    sessionStore.signIn({
      accessToken: 'access-token-1',
      expiresAt: Date.now() + 60_000,
      user: { id: 'u', email: 'ada@example.com', name: 'Ada', role: 'organizer', accountId: 'a', orderId: null },
    });
    const seen: ServerSentEvent[] = [];
    const stop = openEventStream(`${base}/progress`, {
      onEvent: (e) => seen.push(e),
      isDone: (e) => (JSON.parse(e.data) as { final?: boolean }).final === true,
    });
    try {
      await eventually(() => seen.length === 3, { timeout: 5000, message: () => `3 events, got ${seen.length}` });
      assert.deepEqual(
        seen.map((e) => JSON.parse(e.data).progress),
        [10, 40, 100],
      );
      assert.equal(connections, 2);
      assert.deepEqual(
        requests.map((r) => r.authorization),
        ['Bearer access-token-1', 'Bearer access-token-1'],
      );
    } finally {
      stop();
    }
  });

  it("reports a refusal with the server's sentence", async () => {
    const errors: unknown[] = [];
    const stop = openEventStream(`${base}/refused`, { onEvent: () => undefined, onError: (e) => errors.push(e) });
    try {
      await eventually(() => errors.length === 1, { timeout: 5000, message: 'the refusal reported' });
      assert.match((errors[0] as Error).message, /no media asset/);
      assert.equal((errors[0] as { status?: number }).status, 404);
    } finally {
      stop();
    }
  });
});
