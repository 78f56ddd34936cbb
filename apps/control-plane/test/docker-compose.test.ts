import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { admissionSettings } from '#admission';
import { readConfig } from '#config';
import { ingestSettings } from '#ingest';
import { liveSettings, vodSettings } from '#transcoder';
import { controlPlaneSettings } from '../src/config';
import * as yaml from 'js-yaml';

// No Docker engine runs here, so the compose file is kept true by checking it against the code: every Node
// service starts a built entry point, and every variable it sets is one that process reads and accepts.
const ROOT = resolve(__dirname, '../../../..');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  deploy?: { replicas?: number };
}

const SCHEMAS: Record<string, Record<string, unknown>> = {
  'dist/apps/control-plane/src/main.js': controlPlaneSettings,
  'dist/apps/admission/src/main.js': admissionSettings,
  'dist/apps/ingest/src/main.js': ingestSettings,
  'dist/transcoder/src/main.js': vodSettings,
  'dist/transcoder/src/live/main.js': liveSettings,
};

// YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`), as docker compose applies them; keys written out win.
function merged(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(merged);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  const own = node as Record<string, unknown>;
  const bases = own['<<'] === undefined ? [] : Array.isArray(own['<<']) ? own['<<'] : [own['<<']];
  for (const base of bases) Object.assign(out, merged(base));
  for (const [k, v] of Object.entries(own)) if (k !== '<<') out[k] = merged(v);
  return out;
}

// What an operator's .env holds for the variables compose requires (`${VAR:?message}`): one random value per name.
const dotEnv = new Map<string, string>();
const valueOf = (name: string) => {
  if (!dotEnv.has(name)) dotEnv.set(name, randomBytes(24).toString('hex'));
  return dotEnv.get(name)!;
};

// ${VAR:-default} as docker compose substitutes it when VAR is unset; ${VAR:?message} from the operator's .env.
const substitute = (v: string) =>
  String(v)
    .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1')
    .replace(/\$\{([A-Z0-9_]+):\?[^}]*\}/g, (_, name: string) => valueOf(name));

const SECRETS = ['JWT_SECRET', 'JOIN_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET', 'INTERNAL_API_TOKEN'];

describe('docker-compose.yml', () => {
  const compose = merged(yaml.load(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'))) as {
    services: Record<string, Service>;
  };
  const services = compose.services;

  it('has the multi-machine shape: Redis, PostgreSQL, MinIO, a control plane, 2 admission nodes, ingest, 2+ transcoders', () => {
    for (const name of ['redis', 'postgres', 'minio', 'control-plane', 'admission-1', 'admission-2', 'ingest']) {
      assert.ok(services[name], name);
    }
    assert.ok((services['transcoder-vod']?.deploy?.replicas ?? 0) >= 2);
    assert.ok((services['transcoder-live']?.deploy?.replicas ?? 0) >= 2);
  });

  it('starts built entry points with variables each process reads and accepts', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.command || service.command[0] !== 'node') continue;
      const script = service.command[1];
      const schema = SCHEMAS[script];
      assert.ok(schema, `${name}: ${script} is not a known entry point`);
      assert.ok(existsSync(resolve(ROOT, script)), `${name}: ${script} is not built`);
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, substitute(v)]));
      for (const key of Object.keys(env)) assert.ok(key in schema, `${name}: ${key} is not a setting of ${script}`);
      assert.doesNotThrow(
        () => readConfig(schema as Parameters<typeof readConfig>[0], env),
        `${name}: its environment is refused`,
      );
    }
  });

  it('requires every secret and password, with no fallback, and gives each process only the secrets it reads', () => {
    const text = readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8');
    for (const name of [...SECRETS, 'POSTGRES_PASSWORD', 'MINIO_ROOT_PASSWORD']) {
      assert.doesNotMatch(text, new RegExp(`\\$\\{${name}:-`), `${name} has a fallback`);
      assert.match(text, new RegExp(`\\$\\{${name}:\\?set ${name}`), `${name} is required with a message`);
    }
    assert.doesNotMatch(text, /change-me/i);
    for (const [name, service] of Object.entries(services)) {
      if (!service.command || service.command[0] !== 'node') continue;
      const schema = SCHEMAS[service.command[1]];
      for (const secret of SECRETS) {
        assert.equal(secret in (service.environment ?? {}), secret in schema, `${name} ${secret}`);
      }
    }
  });

  it('points the control plane at the compose PostgreSQL, Redis and MinIO, and shares the secrets', () => {
    const cp = services['control-plane'].environment!;
    assert.match(substitute(cp.DATABASE_URL), /^postgres:\/\/webcast:[^@]+@postgres:5432\/webcast$/);
    assert.equal(cp.REDIS_URL, 'redis://redis:6379');
    assert.equal(cp.S3_ENDPOINT, 'http://minio:9000');
    assert.equal(cp.HOST, '0.0.0.0');
    // mails go to a real SMTP server (the compose mail catcher unless SMTP_URL says otherwise), never to the
    // embedded catcher that only `npm start` runs
    assert.equal(substitute(cp.SMTP_URL), 'smtp://mail:1025');
    assert.ok(services.mail, 'a mail service answers at smtp://mail:1025');
    for (const other of ['admission-1', 'admission-2', 'ingest', 'transcoder-vod', 'transcoder-live']) {
      for (const secret of [...SECRETS, 'REDIS_PREFIX']) {
        const value = services[other].environment![secret];
        if (value !== undefined) assert.equal(value, cp[secret], `${other} ${secret}`);
      }
    }
  });

  it('ships the migrations next to the built code in the image', () => {
    const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /COPY --from=build \/app\/libs\/database\/migrations \.\/libs\/database\/migrations/);
  });
});
