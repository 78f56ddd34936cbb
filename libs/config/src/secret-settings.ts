import { EnvVar } from './env-schema';

// Secrets have no default anywhere: a deployment that forgot one must not run on a string the whole internet knows.
// `npm start` generates them once into .data/secrets.json and the test harnesses make fresh ones per run, so even on
// loopback in development a missing or placeholder secret stops the process (one rule, nothing to get wrong).

export const SECRET_MIN_LENGTH = 32;

/** The defaults this codebase once shipped and docker-compose.yml once fell back to: public, so never secrets. */
export const KNOWN_PLACEHOLDER_SECRETS: readonly string[] = [
  'dev-jwt-secret-change-me-0123456789abcdef',
  'dev-join-token-secret-change-me-0123456789',
  'dev-playback-token-secret-change-me-012345',
  'dev-internal-api-token-change-me',
  'change-me-jwt-secret-0123456789abcdef0123',
  'change-me-join-token-secret-0123456789',
  'change-me-playback-token-secret-012345',
  'change-me-internal-api-token',
];

// Words people leave in a value they meant to replace.
const PLACEHOLDER_WORDS = /change[-_ .]?me|replace[-_ .]?me|placeholder|your[-_ .]?secret|^<.*>$/i;

/** Why `value` is no secret, or undefined when it will do. */
export function secretProblem(value: string, minLength = SECRET_MIN_LENGTH): string | undefined {
  if (KNOWN_PLACEHOLDER_SECRETS.includes(value) || PLACEHOLDER_WORDS.test(value)) return 'it is a known placeholder';
  if (value.length < minLength) return `it is shorter than ${minLength} characters`;
  // 'aaaa…' or '0123…' repeated passes a length check but not a guess
  if (new Set(value).size < 10) return 'it has fewer than 10 distinct characters';
  return undefined;
}

const HOW_TO_MAKE = 'npm start generates one into .data/secrets.json; elsewhere use e.g. `openssl rand -base64 48`';

/** A required secret: never defaulted, never echoed in an error, refused when short or a placeholder. */
export function secret(describe: string, minLength = SECRET_MIN_LENGTH): EnvVar<string> {
  return {
    describe: `${describe} (${minLength}+ random characters; ${HOW_TO_MAKE})`,
    sensitive: true,
    parse: (raw) => {
      const problem = secretProblem(raw, minLength);
      if (problem) throw new Error(problem);
      return raw;
    },
  };
}

export const joinTokenSecret = {
  JOIN_TOKEN_SECRET: secret("HMAC secret signing attendees' join links"),
};
export const playbackTokenSecret = {
  PLAYBACK_TOKEN_SECRET: secret('HMAC secret signing short-lived playback tokens'),
};
export const internalApiToken = {
  INTERNAL_API_TOKEN: secret('shared secret for process-to-process calls (ingest, transcoders -> control plane)'),
};
