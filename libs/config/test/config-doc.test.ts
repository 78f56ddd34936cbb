import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigDoc, documentedAs, env, formatDuration, renderConfigDoc } from '#config';

const machine = { hostname: 'build-host-7', tmpdir: '/var/tmp/x', cwd: '/srv/app' };

const shared = { REDIS_URL: env.url('Redis', ['redis'], 'redis://127.0.0.1:6379') };
const doc = (schema: ConfigDoc['sections'][number]['schema']): ConfigDoc => ({
  title: 'Configuration',
  preface: ['Read at start.'],
  sections: [
    { title: 'Every process', source: 'shared.ts', intro: 'All read these.', schema: shared, shared: true },
    { title: 'Admission node', source: 'admission.ts', intro: 'A node.', schema },
  ],
});

describe('the configuration page', () => {
  it('lists each variable with its default as it is written in the environment', () => {
    const page = renderConfigDoc(
      doc({
        ...shared,
        LEASE_TTL: env.duration('lease', 30_000),
        CAP: env.duration('cap', 8 * 3_600_000),
        PORT: env.port('port', 3100),
        SEED: env.bool('seed', false),
        URL: env.optionalUrl('public URL', ['http']),
        SECRET: env.string('a secret'),
      }),
      machine,
    );
    assert.match(page, /^\| `LEASE_TTL` +\| `30s` +\| lease \(a duration such as 500ms, 30s, 5m, 8h\) +\|$/m);
    assert.match(page, /^\| `CAP` +\| `8h` /m);
    assert.match(page, /^\| `PORT` +\| `3100` +\| port \(an integer 0\.\.65535\) +\|$/m);
    assert.match(page, /^\| `SEED` +\| `false` /m);
    assert.match(page, /^\| `URL` +\| unset /m);
    assert.match(page, /^\| `SECRET` +\| required /m);
  });

  it('shows a shared variable once, and names the shared section where a process reads it', () => {
    const page = renderConfigDoc(doc({ ...shared, PORT: env.port('port', 3100) }), machine);
    assert.equal(page.match(/`REDIS_URL`/g)?.length, 2, 'its row and the list of sections');
    assert.match(
      page,
      /## Admission node\n\nA node\. Defined in `admission\.ts`\.\n\nAlso reads \[every process\]\(#every-process\)\./,
    );
  });

  it('refuses a default that would print this machine, and takes the documented form instead', () => {
    const dir = env.string('work folder', '/var/tmp/x/jobs');
    assert.throws(
      () => renderConfigDoc(doc({ DIR: dir }), machine),
      /DIR: .*temp folder \(\/var\/tmp\/x\).*documentedAs/,
    );
    assert.throws(
      () => renderConfigDoc(doc({ NODE_ID: env.string('node', 'build-host-7-4242') }), machine),
      /NODE_ID: .*host name/,
    );
    const page = renderConfigDoc(doc({ DIR: documentedAs('<temp folder>/jobs', dir) }), machine);
    assert.match(page, /^\| `DIR` +\| `<temp folder>\/jobs` /m);
  });

  it('writes durations in the largest whole unit', () => {
    assert.deepEqual([500, 1000, 1500, 90_000, 15 * 60_000, 12 * 3_600_000].map(formatDuration), [
      '500ms',
      '1s',
      '1500ms',
      '90s',
      '15m',
      '12h',
    ]);
  });
});
