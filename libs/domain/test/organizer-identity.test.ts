import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, assertNamedIdentity, assertSeatAvailable, isGenericIdentity } from '#domain';

describe('named organizers', () => {
  it('refuses generic and numbered identities', () => {
    for (const e of [
      'user1@acme.com',
      'user@acme.com',
      'User12@Acme.com',
      'trainer@acme.com',
      'info@acme.com',
      'admin@acme.com',
      'test@acme.com',
      'webinar@acme.com',
      'sales@acme.com',
      'support@acme.com',
      'contact@acme.com',
      'noreply@acme.com',
      'team@acme.com',
      'office2@acme.com',
      'trainer.3@acme.com',
      'info+events@acme.com',
    ]) {
      assert.equal(isGenericIdentity(e), true, e);
    }
  });
  it("accepts a person's own address", () => {
    for (const e of ['ada.lovelace@acme.com', 'jsmith@acme.com', 'userinterface.lead@acme.com', 'martina@acme.com']) {
      assert.equal(isGenericIdentity(e), false, e);
    }
  });
  it('explains the refusal and names the field', () => {
    assert.throws(
      () => assertNamedIdentity('trainer@acme.com'),
      (e: unknown) => e instanceof DomainError && e.field === 'email' && /generic/.test(e.message),
    );
    assert.throws(
      () => assertNamedIdentity('not-an-email'),
      (e: unknown) => e instanceof DomainError && e.kind === 'invalid',
    );
  });
  it("never lets active organizers exceed the order's seats", () => {
    assert.doesNotThrow(() => assertSeatAvailable(2, 3));
    assert.throws(
      () => assertSeatAvailable(3, 3),
      (e: unknown) => e instanceof DomainError && e.kind === 'conflict',
    );
  });
});
