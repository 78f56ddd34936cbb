import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DomainError,
  assertLimitWithinOrder,
  assertOrderTerms,
  assertSeatAvailable,
  assertSeatsCoverActive,
  assertWithinOrderValidity,
  assertWithinProductCeiling,
  eventAttendeeLimit,
} from '#domain';

const at = (iso: string) => new Date(iso);
const order = { attendeeLimit: 500, validFrom: at('2030-01-01T00:00:00Z'), validUntil: at('2031-01-01T00:00:00Z') };
const terms = { ...order, seats: 3, overagePolicy: 'bill' as const, overageCap: null };
const refusal = (kind: string, field: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.field === field;

describe('an order', () => {
  it('accepts terms valid for a while, within the product, with a cap on billed overage', () => {
    assert.doesNotThrow(() => assertOrderTerms({ ...terms, overageCap: 50 }));
  });

  it('refuses a validity that ends before (or as) it starts', () => {
    assert.throws(() => assertOrderTerms({ ...terms, validUntil: order.validFrom }), refusal('invalid', 'validUntil'));
  });

  it('refuses an overage cap on a block order, which admits no overage', () => {
    assert.throws(
      () => assertOrderTerms({ ...terms, overagePolicy: 'block', overageCap: 10 }),
      refusal('invalid', 'overageCap'),
    );
    assert.doesNotThrow(() => assertOrderTerms({ ...terms, overagePolicy: 'block', overageCap: null }));
  });

  it('refuses an order without an organizer seat', () => {
    assert.throws(() => assertOrderTerms({ ...terms, seats: 0 }), refusal('invalid', 'seats'));
  });
});

describe('the attendee limit', () => {
  it('admits 1 to 5000 attendees, the product ceiling, whatever the order says', () => {
    assert.doesNotThrow(() => assertWithinProductCeiling(1));
    assert.doesNotThrow(() => assertWithinProductCeiling(5000));
    assert.throws(() => assertWithinProductCeiling(5001), refusal('invalid', 'attendeeLimit'));
    assert.throws(() => assertWithinProductCeiling(0), refusal('invalid', 'attendeeLimit'));
    assert.throws(() => assertOrderTerms({ ...terms, attendeeLimit: 5001 }), refusal('invalid', 'attendeeLimit'));
  });

  it('refuses an attendee limit above the order', () => {
    assert.throws(
      () => assertLimitWithinOrder(501, order),
      (e: unknown) => {
        return refusal('invalid', 'attendeeLimit')(e) && /above the order's attendee limit of 500/.test(String(e));
      },
    );
    assert.throws(() => eventAttendeeLimit(501, order), refusal('invalid', 'attendeeLimit'));
  });

  it("gives an event the order's limit unless the organizer asks for less", () => {
    assert.equal(eventAttendeeLimit(undefined, order), 500);
    assert.equal(eventAttendeeLimit(null, order), 500);
    assert.equal(eventAttendeeLimit(120, order), 120);
    assert.equal(eventAttendeeLimit(500, order), 500);
  });
});

describe("the order's validity", () => {
  it('holds an event that starts and ends within it, to the instant', () => {
    assert.doesNotThrow(() =>
      assertWithinOrderValidity({ startsAt: order.validFrom, endsAt: order.validUntil }, order),
    );
  });

  it('refuses an event that starts before the order or ends after it', () => {
    const before = { startsAt: at('2029-12-31T23:00:00Z'), endsAt: at('2030-01-01T01:00:00Z') };
    const after = { startsAt: at('2030-12-31T23:00:00Z'), endsAt: at('2031-01-01T01:00:00Z') };
    assert.throws(() => assertWithinOrderValidity(before, order), refusal('invalid', 'startsAt'));
    assert.throws(() => assertWithinOrderValidity(after, order), refusal('invalid', 'startsAt'));
  });
});

describe("the order's seats", () => {
  it('lets one more organizer in only while a seat is free', () => {
    assert.doesNotThrow(() => assertSeatAvailable(2, 3));
    assert.throws(() => assertSeatAvailable(3, 3), refusal('conflict', 'seats'));
    assert.throws(() => assertSeatAvailable(3, 3), {
      message: 'All 3 seats of this order are in use: deactivate an organizer or extend the order first.',
    });
    assert.throws(() => assertSeatAvailable(1, 1), /The one seat of this order is in use/);
  });

  it('never drop below the organizers holding them', () => {
    assert.doesNotThrow(() => assertSeatsCoverActive(3, 3));
    assert.throws(
      () => assertSeatsCoverActive(2, 3),
      (e: unknown) => {
        return refusal('conflict', 'seats')(e) && /3 organizers hold seats/.test(String(e));
      },
    );
  });
});
