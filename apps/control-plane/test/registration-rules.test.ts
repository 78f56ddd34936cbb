import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reminderDelay } from '../src/mail/mail-jobs';
import { rateLimitedAddress } from '#domain';
import { parseRegistrantsCsv } from '../src/registrations/registrants-csv';

describe('registrants from CSV', () => {
  it('reads the columns by their header, in any order, with quoted fields and CRLF or LF', () => {
    const r = parseRegistrantsCsv(
      '\uFEFFEmail,Name,Language\r\nalan@example.org,Alan Turing,EN\n"joan@example.org","Clarke, Joan ""JC""",fr\r\n\r\n',
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.rows, [
      { line: 2, name: 'Alan Turing', email: 'alan@example.org', language: 'en' },
      { line: 3, name: 'Clarke, Joan "JC"', email: 'joan@example.org', language: 'fr' },
    ]);
  });
  it('reports each bad row by its line and keeps the good ones', () => {
    const r = parseRegistrantsCsv(
      'name,email\nAlan,alan@example.org\n,nobody@example.org\nJoan,joan\nAda,ada@example.org,de\n',
    );
    assert.deepEqual(
      r.rows.map((x) => x.email),
      ['alan@example.org', 'ada@example.org'],
    );
    assert.deepEqual(r.problems, [
      { line: 3, message: 'name must be 1 to 200 characters' },
      { line: 4, message: '"joan" is not an e-mail address' },
    ]);
    const lang = parseRegistrantsCsv('name,email,language\nAda,ada@example.org,de\n');
    assert.deepEqual(lang.problems, [{ line: 2, message: 'language must be en or fr, not "de"' }]);
  });
  it('counts lines inside a quoted field, so later line numbers stay right', () => {
    const r = parseRegistrantsCsv('name,email\n"Alan\nTuring",alan@example.org\nJoan,joan\n');
    assert.equal(r.rows[0].name, 'Alan\nTuring');
    assert.deepEqual(r.problems, [{ line: 4, message: '"joan" is not an e-mail address' }]);
  });
  it('needs a header naming name and email', () => {
    assert.deepEqual(parseRegistrantsCsv('alan@example.org,Alan\n').problems, [
      { line: 1, message: 'the first line must name the columns: name,email[,language]' },
    ]);
    assert.deepEqual(parseRegistrantsCsv('').problems, [{ line: 1, message: 'the file is empty' }]);
  });
});

describe('the address a registration limit counts against', () => {
  it('is an IPv4 address as it is, also when IPv4-mapped', () => {
    assert.equal(rateLimitedAddress('203.0.113.7'), '203.0.113.7');
    assert.equal(rateLimitedAddress('::ffff:203.0.113.7'), '203.0.113.7');
  });
  it("is an IPv6 address's /64, however it is written", () => {
    assert.equal(rateLimitedAddress('2001:db8:0:1:aaaa::1'), '2001:db8:0:1::/64');
    assert.equal(rateLimitedAddress('2001:0db8:0000:0001:ffff:ffff:ffff:ffff'), '2001:db8:0:1::/64');
    assert.equal(rateLimitedAddress('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(rateLimitedAddress('::1'), '0:0:0:0::/64');
  });
  it('is "unknown" when the socket has none', () => {
    assert.equal(rateLimitedAddress(undefined), 'unknown');
  });
});

describe('reminders', () => {
  const start = new Date('2026-06-02T08:00:00Z');
  it('are due their lead time before the start', () => {
    assert.equal(reminderDelay(start, 15 * 60_000, new Date('2026-06-02T07:00:00Z')), 45 * 60_000);
  });
  it('are not scheduled once their moment has passed', () => {
    assert.equal(reminderDelay(start, 24 * 3600_000, new Date('2026-06-01T09:00:00Z')), null);
    assert.equal(reminderDelay(start, 15 * 60_000, new Date('2026-06-02T07:45:00Z')), null);
  });
});
