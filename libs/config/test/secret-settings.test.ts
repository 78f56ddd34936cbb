import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ConfigError, KNOWN_PLACEHOLDER_SECRETS, readConfig, secret } from '#config';

const schema = { JWT_SECRET: secret('HMAC secret signing access tokens') };
const refusal = (value: string | undefined) => {
  try {
    readConfig(schema, { JWT_SECRET: value });
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
  assert.fail(`${value} was accepted`);
};

describe('secrets', () => {
  it('have no default: a missing one is named, with how to make one', () => {
    assert.match(refusal(undefined), /^config: JWT_SECRET is required: .*openssl rand -base64 48/);
    assert.match(refusal(''), /^config: JWT_SECRET is required/);
  });

  it('refuse every default this codebase shipped, and values left as placeholders', () => {
    for (const old of [
      ...KNOWN_PLACEHOLDER_SECRETS,
      'please-change-me-to-something-long-enough',
      '<your-jwt-secret-here-please-1234>',
    ]) {
      assert.match(refusal(old), /^config: JWT_SECRET is refused because it is a known placeholder/);
    }
  });

  it('refuse short or uniform values, and never print the value', () => {
    assert.match(refusal('Zx9-short'), /JWT_SECRET is refused because it is shorter than 32 characters/);
    assert.match(refusal('ab'.repeat(20)), /fewer than 10 distinct characters/);
    assert.doesNotMatch(refusal('Zx9-short'), /Zx9-short/);
  });

  it('take a random value', () => {
    const value = randomBytes(48).toString('base64');
    assert.deepEqual(readConfig(schema, { JWT_SECRET: value }), { JWT_SECRET: value });
  });
});
