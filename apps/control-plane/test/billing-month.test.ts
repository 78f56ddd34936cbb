import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { billingMonth } from '../src/usage/billing-month';

describe('billing month (pure)', () => {
  it('is the UTC calendar month, half open', () => {
    assert.deepEqual(billingMonth('2026-03'), {
      month: '2026-03',
      from: new Date('2026-03-01T00:00:00.000Z'),
      until: new Date('2026-04-01T00:00:00.000Z'),
    });
  });
  it('runs December into the next year', () => {
    assert.equal(billingMonth('2026-12').until.toISOString(), '2027-01-01T00:00:00.000Z');
  });
  it('defaults to the month of now in UTC, whatever the local time zone says', () => {
    assert.equal(billingMonth(undefined, new Date('2026-03-31T23:30:00-02:00')).month, '2026-04');
  });
  it('keeps years below 100 as written', () => {
    assert.equal(billingMonth('0099-01').from.getUTCFullYear(), 99);
  });
});
