import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { BUCKET_CORS_XML } from './bucket-cors';
// s3rver ships no types: the part used here, declared.
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS package without types
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;

/** s3rver accepts only this fixed key pair. */
export const EMBEDDED_S3_CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' } as const;

export interface EmbeddedS3 {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * An S3-compatible endpoint in this process (s3rver) storing under `dir`, for `npm start` without S3_ENDPOINT and
 * for tests. It accepts only EMBEDDED_S3_CREDENTIALS; it has no multipart upload, which ObjectStorage never uses.
 */
export async function startEmbeddedS3(opts: {
  dir: string;
  port?: number;
  host?: string;
  buckets?: string[];
}): Promise<EmbeddedS3> {
  mkdirSync(opts.dir, { recursive: true });
  const host = opts.host ?? '127.0.0.1';
  const server = new S3rver({
    address: host,
    port: opts.port ?? 0,
    directory: opts.dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: (opts.buckets ?? []).map((name) => ({ name, configs: [BUCKET_CORS_XML] })),
  });
  const addr = await server.run();
  return {
    endpoint: `http://${host}:${addr.port}`,
    port: addr.port,
    close: () => server.close(),
  };
}
