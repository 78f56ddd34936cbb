import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#test-support';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';
import { PrivateRedis } from './support/private-redis';

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
};
type OpenApiDocument = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
};

/** A schema that says something: a scalar type, or an object with properties, or an array of either. */
function describes(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): boolean {
  if (!schema || depth > 10) return false;
  if (schema.$ref) {
    return describes(components[schema.$ref.replace('#/components/schemas/', '')], components, depth + 1);
  }
  if (schema.allOf) return schema.allOf.length > 0 && schema.allOf.every((s) => describes(s, components, depth + 1));
  if (schema.type === 'array') return describes(schema.items, components, depth + 1);
  if (schema.type === 'object' || schema.properties) return Object.keys(schema.properties ?? {}).length > 0;
  return typeof schema.type === 'string';
}

describe('operability: health, metrics, OpenAPI, request ids', () => {
  let h: ControlPlaneHarness;
  let redis: PrivateRedis;
  before(async () => {
    redis = await PrivateRedis.start();
    h = await startControlPlane({ REDIS_URL: redis.url });
  });
  after(async () => {
    // Every part of the control plane must shut down after Redis went away and came back. If one waits for ever,
    // fail now with a clear line rather than leave this file hanging until the runner's timeout.
    const closed = await Promise.race([
      h.close().then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 20_000).unref()),
    ]);
    await redis.stop();
    if (!closed) {
      process.stderr.write(
        'operability.test: the control plane did not close within 20 s after a Redis restart: an onModuleDestroy waits on Redis\n',
      );
      process.exit(1);
    }
  });

  it('reports healthy when the database and Redis answer, 503 naming Redis when it is gone, healthy again when it returns', async () => {
    const ok = await h.api().get('/health');
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.checks, { database: 'up', redis: 'up' });
    await redis.stop();
    const down = await h.api().get('/health');
    assert.equal(down.status, 503);
    assert.deepEqual(down.body.checks, { database: 'up', redis: 'down' });
    await redis.restart();
    await eventually(async () => assert.equal((await h.api().get('/health')).status, 200), {
      timeout: 5000,
      interval: 100,
      message: 'healthy again once Redis is back (it reconnects on its own)',
    });
  });

  it('serves Prometheus metrics with the HTTP request histogram and process defaults', async () => {
    await h.api().get('/api/events');
    const r = await h.api().get('/metrics');
    assert.equal(r.status, 200);
    assert.match(String(r.headers.get('content-type')), /text\/plain/);
    assert.match(r.body, /http_request_duration_seconds_bucket\{[^}]*route="\/api\/events"[^}]*status="401"/);
    assert.match(r.body, /process_cpu_user_seconds_total/);
  });

  it('documents every API endpoint in OpenAPI at /docs and /docs-json', async () => {
    const doc = await h.api().get('/docs-json');
    assert.equal(doc.status, 200);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const express = h.controlPlane.app.getHttpAdapter().getInstance() as unknown as { router: { stack: Layer[] } };
    const served = express.router.stack
      // The API and the operations endpoints; web pages (the player) are not API.
      .filter((l) => l.route && /^\/(api\/|health$|metrics$)/.test(l.route.path))
      .flatMap((l) =>
        Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`),
      );
    assert.ok(served.length >= 20, `found ${served.length} routes`);
    const missing = served.filter((r) => !documented.has(r));
    assert.deepEqual(missing, [], 'every served route is in the OpenAPI document');
    const ui = await h.api().get('/docs');
    assert.equal(ui.status, 200);
    assert.match(ui.body, /swagger/i);
  });

  it('describes the body of every API answer, so the generated client has no unknown responses', async () => {
    const doc = (await h.api().get('/docs-json')).body as OpenApiDocument;
    const schemas = doc.components?.schemas ?? {};
    const undescribed: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        checked++;
        const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
        const described = ok.some(
          ([code, r]) =>
            // 204 has no body by definition
            code === '204' || Object.values(r.content ?? {}).some((c) => describes(c.schema, schemas)),
        );
        if (!described) undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    assert.ok(checked >= 50, `checked ${checked} operations`);
    assert.deepEqual(undescribed, [], 'each of these needs an @ApiOkResponse (or another 2xx) with a schema');
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const given = await h.api().request('GET', '/health', undefined, { headers: { 'x-request-id': 'trace-42' } });
    assert.equal(given.headers.get('x-request-id'), 'trace-42');
    const made = await h
      .api()
      .request('GET', '/health', undefined, { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(String(made.headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a JSON 404, never a stack trace', async () => {
    const r = await h.api().get('/api/nothing-here');
    assert.equal(r.status, 404);
    assert.equal(r.body.statusCode, 404);
    assert.ok(!JSON.stringify(r.body).includes(' at '));
  });
});
