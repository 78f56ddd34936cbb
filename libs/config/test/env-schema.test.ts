import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, env, parseDuration, readConfig } from '#config';

const schema = {
  PORT: env.port('HTTP port', 3000),
  MODE: env.oneOf('mode', ['a', 'b'] as const, 'a'),
  GRACE: env.duration('grace', 30_000),
};

describe('configuration', () => {
  it('uses the embedded defaults when nothing is set', () => {
    assert.deepEqual(readConfig(schema, {}), { PORT: 3000, MODE: 'a', GRACE: 30_000 });
  });
  it('stops with one line naming the variable and what it expects', () => {
    assert.throws(
      () => readConfig(schema, { PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /PORT="eighty".*integer 0\.\.65535/.test(e.message),
    );
    assert.throws(
      () => readConfig(schema, { MODE: 'c' }),
      (e: unknown) => e instanceof ConfigError && /MODE.*one of a, b/.test(e.message),
    );
  });
  it('reads durations in human units', () => {
    assert.equal(parseDuration('8h'), 8 * 3600_000);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.throws(() => parseDuration('soon'));
  });
});
