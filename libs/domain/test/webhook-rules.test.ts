import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_RETRY_POLICY,
  isApiKeyScope,
  isWebhookEventType,
  retriesExhausted,
  retryDelayMs,
  shouldDisableEndpoint,
} from '../src/webhook-rules';

const HOUR = 3_600_000;
const policy = { baseMs: 1000, maxGapMs: 60_000, retryForMs: 24 * HOUR };

describe('webhook retries', () => {
  it('double the gap on each retry, around the base, within ±20 %', () => {
    assert.equal(retryDelayMs(1, policy, 0.5), 1000);
    assert.equal(retryDelayMs(2, policy, 0.5), 2000);
    assert.equal(retryDelayMs(3, policy, 0.5), 4000);
    assert.equal(retryDelayMs(1, policy, 0), 800);
    assert.equal(retryDelayMs(1, policy, 0.999999), 1200);
  });

  it('never wait longer than the largest gap', () => {
    assert.equal(retryDelayMs(30, policy, 0.5), 60_000);
    assert.equal(retryDelayMs(80, DEFAULT_RETRY_POLICY, 0.5), DEFAULT_RETRY_POLICY.maxGapMs);
  });

  it('keep retrying for a day by default, then stop', () => {
    const created = new Date('2026-12-01T10:00:00Z');
    assert.equal(retriesExhausted(created, new Date('2026-12-02T09:59:59Z'), DEFAULT_RETRY_POLICY), false);
    assert.equal(retriesExhausted(created, new Date('2026-12-02T10:00:00Z'), DEFAULT_RETRY_POLICY), true);
  });

  it('reach a day of retries with the default gaps in a bounded number of attempts', () => {
    let total = 0;
    let attempts = 0;
    while (total < DEFAULT_RETRY_POLICY.retryForMs) total += retryDelayMs(++attempts, DEFAULT_RETRY_POLICY, 0.5);
    assert.ok(attempts > 8 && attempts < 30, `${attempts} attempts`);
  });
});

describe('failing endpoints', () => {
  it('are disabled only after failing for the whole period, and never while healthy', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    assert.equal(shouldDisableEndpoint(null, new Date(), 1), false);
    assert.equal(shouldDisableEndpoint(since, new Date('2026-12-05T23:59:59Z'), 5 * 24 * HOUR), false);
    assert.equal(shouldDisableEndpoint(since, new Date('2026-12-06T00:00:00Z'), 5 * 24 * HOUR), true);
  });
});

describe('the names of event types and key scopes', () => {
  it('are recognised, and nothing else is', () => {
    assert.equal(isWebhookEventType('event.ended'), true);
    assert.equal(isWebhookEventType('event.deleted'), false);
    assert.equal(isApiKeyScope('read:reports'), true);
    assert.equal(isApiKeyScope('admin'), false);
  });
});
