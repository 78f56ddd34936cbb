import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Counter } from 'prom-client';
import { createMetricsRegistry, startHealthServer } from '#process';

describe('the health and metrics server of a worker', () => {
  it('answers /health by the rule, /metrics from the registry, and 404 naming both otherwise', async () => {
    let queueUp = true;
    const registry = createMetricsRegistry();
    new Counter({ name: 'jobs_total', help: 'jobs', registers: [registry] }).inc(3);
    const server = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      checks: { redis: () => queueUp, worker: () => true },
      registry,
    });
    try {
      const up = await fetch(`${server.url}/health`);
      assert.equal(up.status, 200);
      assert.deepEqual(await up.json(), { status: 'ok', checks: { redis: 'up', worker: 'up' } });
      queueUp = false;
      const down = await fetch(`${server.url}/health`);
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), { status: 'unavailable', checks: { redis: 'down', worker: 'up' } });

      const metrics = await fetch(`${server.url}/metrics`);
      assert.match(String(metrics.headers.get('content-type')), /^text\/plain/);
      const text = await metrics.text();
      assert.match(text, /^jobs_total 3$/m);
      assert.match(text, /process_cpu_user_seconds_total/);

      const other = await fetch(`${server.url}/`);
      assert.equal(other.status, 404);
      assert.match(((await other.json()) as { message: string }).message, /GET \/health and GET \/metrics/);
    } finally {
      await server.close();
    }
  });
});
