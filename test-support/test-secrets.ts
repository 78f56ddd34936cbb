import { randomBytes } from 'node:crypto';

// No secret has a default: every harness makes fresh ones per run, so no test passes by leaning on a known string.

/** One random secret, as `npm start` makes them. */
export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** A full set of the platform's secrets, each different, for the env of a process or `readConfig`. */
export function testSecrets(): {
  JWT_SECRET: string;
  JOIN_TOKEN_SECRET: string;
  PLAYBACK_TOKEN_SECRET: string;
  INTERNAL_API_TOKEN: string;
} {
  return {
    JWT_SECRET: randomSecret(),
    JOIN_TOKEN_SECRET: randomSecret(),
    PLAYBACK_TOKEN_SECRET: randomSecret(),
    INTERNAL_API_TOKEN: randomSecret(),
  };
}
