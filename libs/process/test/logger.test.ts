import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, logReady, requestContext, requestLog } from '#process';

/** A destination that keeps what the logger writes. */
function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join(''), lines: () => chunks.join('').trim().split('\n').filter(Boolean) };
}

describe('createLogger', () => {
  it('writes one JSON line per entry with its level, service and, inside a request, the request id', () => {
    const out = sink();
    const log = createLogger({ service: 'ingest', level: 'info', pretty: false, destination: out.stream });
    log.debug('not at info');
    log.warn({ eventId: 'e1' }, 'publisher refused');
    requestContext.run({ requestId: 'req-7' }, () => log.info('inside a request'));
    const [refused, inside, ...rest] = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(rest, []);
    assert.equal(refused.level, 'warn');
    assert.equal(refused.service, 'ingest');
    assert.equal(refused.eventId, 'e1');
    assert.equal(refused.msg, 'publisher refused');
    assert.equal(inside.requestId, 'req-7');
  });

  it('writes readable lines, not JSON, for a terminal', async () => {
    const out = sink();
    const log = createLogger({ service: 'transcoder', level: 'info', pretty: true, destination: out.stream });
    log.error({ jobId: 'j1' }, 'vod job failed');
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(out.text(), /ERROR.*transcoder: vod job failed/);
    assert.throws(() => JSON.parse(out.lines()[0]));
  });

  it('writes the ready line at any level, even silent', () => {
    const out = sink();
    const log = createLogger({ service: 'admission', level: 'silent', pretty: false, destination: out.stream });
    log.error('not written');
    logReady(log, 'admission ready', { port: 3100 });
    const lines = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.msg, l.port]),
      [['admission ready', 3100]],
    );
  });
});

describe('requestLog', () => {
  it('echoes a sane x-request-id, logs routine requests at debug, others at info, server errors as warnings', async () => {
    const out = sink();
    const log = createLogger({ service: 'control-plane', level: 'info', pretty: false, destination: out.stream });
    const middleware = requestLog({ logger: log, routine: (path) => path === '/health' });
    const server = createServer((req, res) =>
      middleware(req, res, () => {
        log.info('handling');
        res.statusCode = req.url === '/broken' ? 500 : 200;
        res.end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const given = await fetch(`${base}/api/events`, { headers: { 'x-request-id': 'trace-42' } });
      assert.equal(given.headers.get('x-request-id'), 'trace-42');
      const made = await fetch(`${base}/health?probe=1`, { headers: { 'x-request-id': 'bad id with spaces' } });
      assert.match(String(made.headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
      await fetch(`${base}/broken`);
    } finally {
      server.close();
    }
    const lines = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    assert.deepEqual(
      requests.map((l) => [l.level, l.url, l.status]),
      [
        ['info', '/api/events', 200],
        ['warn', '/broken', 500],
      ],
      'the /health probe is not at info',
    );
    assert.equal(requests[0].requestId, 'trace-42');
    const handling = lines.filter((l) => l.msg === 'handling');
    assert.equal(handling.length, 3);
    assert.equal(handling[0].requestId, 'trace-42', 'a line written while handling carries the request id');
  });
});
