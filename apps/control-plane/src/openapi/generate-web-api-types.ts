import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Redis } from 'ioredis';
import { readConfig } from '#config';
import { ControlPlaneConfig, controlPlaneSettings } from '../config';
import { createControlPlane } from '../create-control-plane';
import { WEB_API_TYPES_FILE, renderWebApiTypes } from './web-api-types';

// `npm run generate:api`: starts a control plane briefly (in-memory database, any free port, a Redis key prefix of
// its own), reads the OpenAPI document it serves, writes the web app's API types and stops.
const oneOffSecret = () => randomBytes(48).toString('base64url');

async function main(): Promise<void> {
  const prefix = `generate-api-${process.pid}`;
  const config: ControlPlaneConfig = {
    // throwaway secrets: this control plane lives for one GET of its OpenAPI document
    ...readConfig(controlPlaneSettings, {
      REDIS_URL: process.env.REDIS_URL,
      JWT_SECRET: oneOffSecret(),
      JOIN_TOKEN_SECRET: oneOffSecret(),
      PLAYBACK_TOKEN_SECRET: oneOffSecret(),
      INTERNAL_API_TOKEN: oneOffSecret(),
      // no upload happens: any key pair will do
      S3_ACCESS_KEY: 'unused',
      S3_SECRET_KEY: 'unused',
    }),
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: prefix,
  };
  const cp = await createControlPlane(config);
  try {
    const res = await fetch(`${cp.url}/docs-json`);
    if (!res.ok) throw new Error(`GET /docs-json answered ${res.status}`);
    writeFileSync(WEB_API_TYPES_FILE, await renderWebApiTypes((await res.json()) as object));
    process.stdout.write(`generate:api: wrote ${relative(process.cwd(), WEB_API_TYPES_FILE)}\n`);
  } finally {
    await cp.close();
    await deletePrefix(config.REDIS_URL, prefix);
  }
}

async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`generate:api: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
