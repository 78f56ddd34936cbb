import { randomBytes } from 'node:crypto';

// No secret has a default: every harness makes fresh ones per run, so no test passes by leaning on a known string.

/** One random secret, as `npm start` makes them. */
export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * A full set of the platform's secrets, each different, for the env of a process or `readConfig`, with the S3 keys
 * of the embedded endpoint every test runs (it accepts only that fixed pair).
 */
export function testSecrets(): {
  JWT_SECRET: string;
  JOIN_TOKEN_SECRET: string;
  PLAYBACK_TOKEN_SECRET: string;
  INTERNAL_API_TOKEN: string;
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
} {
  return {
    JWT_SECRET: randomSecret(),
    JOIN_TOKEN_SECRET: randomSecret(),
    PLAYBACK_TOKEN_SECRET: randomSecret(),
    INTERNAL_API_TOKEN: randomSecret(),
    S3_ACCESS_KEY: 'S3RVER',
    S3_SECRET_KEY: 'S3RVER',
  };
}
