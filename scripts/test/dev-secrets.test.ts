import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { readConfig } from '#config';
import { admissionSettings } from '#admission/settings';
import { ingestSettings } from '#ingest/settings';
import { controlPlaneSettings } from '#control-plane/settings';

// scripts/dev-secrets.js is plain CommonJS (it runs before `npm install`): loaded from the source tree as start.js does.
const ROOT = resolve(__dirname, '../../..');
const devSecrets = createRequire(__filename)(join(ROOT, 'scripts/dev-secrets.js')) as {
  SECRET_NAMES: string[];
  loadOrCreateSecrets(
    dataDir: string,
    env: NodeJS.ProcessEnv,
  ): { secrets: Record<string, string>; file: string; created: string[] };
  secretsFor(kind: string, secrets: Record<string, string>): Record<string, string>;
};

describe("npm start's secrets", () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-secrets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('are made once into an owner-only file, then read back unchanged', () => {
    const first = devSecrets.loadOrCreateSecrets(dir, {});
    assert.deepEqual(first.created, devSecrets.SECRET_NAMES);
    assert.equal(statSync(first.file).mode & 0o777, 0o600);
    const again = devSecrets.loadOrCreateSecrets(dir, {});
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.secrets, first.secrets);
    // every one is what the processes accept
    // (with the embedded S3 endpoint's key pair, which npm start passes beside them)
    assert.doesNotThrow(() =>
      readConfig(controlPlaneSettings, { ...first.secrets, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' }),
    );
  });

  it('yield to a value set in the environment, which is never written to the file', () => {
    const mine = 'Operator-chosen-secret-0123456789-abcdefghijk';
    const r = devSecrets.loadOrCreateSecrets(dir, { JWT_SECRET: mine });
    assert.equal(r.secrets.JWT_SECRET, mine);
    assert.doesNotMatch(readFileSync(r.file, 'utf8'), new RegExp(mine));
  });

  it('fill in one that is missing from the file and keep the others', () => {
    const file = join(dir, 'secrets.json');
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    delete before.INTERNAL_API_TOKEN;
    writeFileSync(file, JSON.stringify(before));
    chmodSync(file, 0o644);
    const r = devSecrets.loadOrCreateSecrets(dir, {});
    assert.deepEqual(r.created, ['INTERNAL_API_TOKEN']);
    assert.equal(r.secrets.JWT_SECRET, before.JWT_SECRET);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'tightened again');
  });

  it('refuse a file that is not JSON with a sentence saying what to do', () => {
    const broken = mkdtempSync(join(dir, 'broken-'));
    writeFileSync(join(broken, 'secrets.json'), '{ not json');
    assert.throws(() => devSecrets.loadOrCreateSecrets(broken, {}), /secrets\.json is not valid JSON .*delete it/);
  });

  it('hand each process only the secrets it reads', () => {
    const { secrets } = devSecrets.loadOrCreateSecrets(dir, {});
    for (const [kind, schema] of [
      ['control-plane', controlPlaneSettings],
      ['admission', admissionSettings],
      ['ingest', ingestSettings],
    ] as const) {
      const given = Object.keys(devSecrets.secretsFor(kind, secrets)).sort();
      const read = devSecrets.SECRET_NAMES.filter((n) => n in schema).sort();
      assert.deepEqual(given, read, kind);
    }
  });
});
