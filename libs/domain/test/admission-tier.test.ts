import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AdmissionTerms, bufferSeats, maxConcurrentSeats, overageFeeCents, peakOverage, tierForSeat } from '#domain';

const bill: AdmissionTerms = { attendeeLimit: 100, bufferPercent: 10, overagePolicy: 'bill', overageCap: null };
const block: AdmissionTerms = { ...bill, overagePolicy: 'block' };

describe('attendance buffer', () => {
  it('is floor(10 % of the limit)', () => {
    assert.equal(bufferSeats(100), 10);
    assert.equal(bufferSeats(5000), 500);
    assert.equal(bufferSeats(109), 10);
    assert.equal(bufferSeats(9), 0);
    assert.equal(bufferSeats(1), 0);
  });
});

describe('seat tiers', () => {
  it('includes seats up to the limit', () => {
    assert.equal(tierForSeat(1, bill), 'included');
    assert.equal(tierForSeat(100, bill), 'included');
  });
  it('admits up to 10 % over the limit at no charge', () => {
    assert.equal(tierForSeat(101, bill), 'buffer');
    assert.equal(tierForSeat(110, bill), 'buffer');
  });
  it('bills every seat beyond limit + buffer under policy bill', () => {
    assert.equal(tierForSeat(111, bill), 'overage');
    assert.equal(tierForSeat(5000, bill), 'overage');
  });
  it('makes the attendee wait beyond limit + buffer under policy block', () => {
    assert.equal(tierForSeat(110, block), 'buffer');
    assert.equal(tierForSeat(111, block), 'wait');
  });
  it('stops billing admissions at the overage cap', () => {
    const capped = { ...bill, overageCap: 5 };
    assert.equal(tierForSeat(115, capped), 'overage');
    assert.equal(tierForSeat(116, capped), 'wait');
    assert.equal(maxConcurrentSeats(capped), 115);
    assert.equal(maxConcurrentSeats(block), 110);
    assert.equal(maxConcurrentSeats(bill), Number.POSITIVE_INFINITY);
  });
  it('refuses seat numbers that are not positive integers', () => {
    assert.throws(() => tierForSeat(0, bill), RangeError);
    assert.throws(() => tierForSeat(1.5, bill), RangeError);
  });
});

describe('overage fee', () => {
  it('is max(0, peak - (L + buffer)) x rate', () => {
    assert.equal(peakOverage(150, 100, 10), 40);
    assert.equal(overageFeeCents(150, 100, 10, 250), 40 * 250);
    assert.equal(overageFeeCents(110, 100, 10, 250), 0);
    assert.equal(overageFeeCents(20, 100, 10, 250), 0);
  });
});
