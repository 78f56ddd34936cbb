import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { HOUR_MS, eventBody } from './support/schedule';

const PEOPLE = [
  ['Alan Turing', 'alan.turing@bletchley.example'],
  ['Joan Clarke', 'joan.clarke@bletchley.example'],
  ['Tommy Flowers', 'tommy@post-office.example'],
  ['Dilly Knox', 'dilly.knox@bletchley.example'],
  ['Mavis Batey', 'mavis@lever.example'],
  ['Gordon Welchman', 'g.welchman@bletchley.example'],
  ['Max Newman', 'max.newman@manchester.example'],
  ['100% Sure_Name \\ Jr', 'odd.name@example.org'],
];

describe('the registrants of an event (GET /api/events/:id/registrations and registrations.csv)', () => {
  let h: ControlPlaneHarness;
  let c: SeededCustomer;
  let eventId: string;
  const links = new Map<string, string>();
  before(async () => {
    h = await startControlPlane();
    c = await h.seed();
    const event = (await h.api(c.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body;
    eventId = event.id;
    for (const [name, email] of PEOPLE) {
      const r = await h
        .api(c.organizer.token)
        .post(`/api/events/${event.id}/registrations`, { name, email, sendInvitation: false });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      links.set(email, r.body.joinUrl);
    }
  });
  after(async () => {
    await h.close();
  });
  const page = (query = '', token = c.organizer.token) =>
    h.api(token).get(`/api/events/${eventId}/registrations${query}`);

  it('pages through everyone in registration order, with the total and each personal join link', async () => {
    const all = await page();
    assert.equal(all.status, 200);
    assert.equal(all.body.total, PEOPLE.length);
    assert.deepEqual(
      all.body.items.map((r: { name: string; email: string }) => [r.name, r.email]),
      PEOPLE,
    );
    for (const r of all.body.items) {
      assert.equal(r.joinUrl, links.get(r.email));
      assert.match(r.id, /^[0-9a-f-]{36}$/);
      assert.ok(!Number.isNaN(Date.parse(r.createdAt)));
    }
    const second = await page('?offset=3&limit=3');
    assert.equal(second.body.total, PEOPLE.length);
    assert.deepEqual(
      second.body.items.map((r: { name: string }) => r.name),
      ['Dilly Knox', 'Mavis Batey', 'Gordon Welchman'],
    );
    const beyond = await page('?offset=50');
    assert.deepEqual(beyond.body, { total: PEOPLE.length, items: [] });
    assert.equal((await page('?limit=500')).status, 200);
  });

  it('searches the name and the e-mail, whatever the case; % _ and \\ are plain characters', async () => {
    const names = async (q: string, extra = '') =>
      (await page(`?q=${encodeURIComponent(q)}${extra}`)).body as { total: number; items: { name: string }[] };
    const bletchley = await names('BLETCHLEY');
    assert.equal(bletchley.total, 4);
    assert.deepEqual(
      (await names('BLETCHLEY', '&limit=2')).items.map((r) => r.name),
      ['Alan Turing', 'Joan Clarke'],
    );
    assert.equal((await names('bletchley', '&limit=2')).total, 4, 'the total counts every page');
    assert.deepEqual(
      (await names('tommy')).items.map((r) => r.name),
      ['Tommy Flowers'],
    );
    assert.deepEqual(
      (await names('mavis@')).items.map((r) => r.name),
      ['Mavis Batey'],
    );
    assert.deepEqual(
      (await names('100%')).items.map((r) => r.name),
      ['100% Sure_Name \\ Jr'],
    );
    assert.equal((await names('%')).total, 1);
    assert.equal((await names('_')).total, 1);
    assert.equal((await names('\\')).total, 1);
    assert.equal((await names('nobody')).total, 0);
    assert.equal((await names('   ')).total, PEOPLE.length, 'a blank search is no search');
  });

  it('exports every registrant as CSV', async () => {
    const r = await page('.csv');
    assert.equal(r.status, 200);
    assert.match(String(r.headers.get('content-type')), /^text\/csv/);
    const lines = (r.body as string).trim().split('\r\n');
    assert.equal(lines[0], 'registrant_id,name,email,registered_at,join_url');
    assert.equal(lines.length, 1 + PEOPLE.length);
    const alan = lines[1].split(',');
    assert.deepEqual(
      [alan[1], alan[2], alan[4]],
      ['Alan Turing', 'alan.turing@bletchley.example', links.get('alan.turing@bletchley.example')],
    );
  });

  it('is for the organizer of the event and the administrators of its account', async () => {
    assert.equal((await page('', c.admin.token)).body.total, PEOPLE.length);
    const other = await h.seed();
    const operator = await h.seedOperator();
    for (const suffix of ['', '.csv']) {
      assert.equal((await page(suffix, other.admin.token)).status, 404);
      assert.equal((await page(suffix, other.organizer.token)).status, 404);
      assert.equal((await page(suffix, operator.token)).status, 403);
      assert.equal((await h.api().get(`/api/events/${eventId}/registrations${suffix}`)).status, 401);
    }
  });

  it('refuses bad paging, naming the parameter', async () => {
    for (const [query, field] of [
      ['?limit=501', 'limit'],
      ['?limit=0', 'limit'],
      ['?limit=ten', 'limit'],
      ['?offset=-1', 'offset'],
      ['?offset=1.5', 'offset'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?q=a&q=b', 'q'],
      ['?page=2', 'page'],
    ]) {
      const r = await page(query);
      assert.equal(r.status, 400, query);
      assert.equal(r.body.field, field, query);
    }
  });
});
