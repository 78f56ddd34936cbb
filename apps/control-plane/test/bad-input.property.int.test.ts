import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { BadBody, FieldSpec, badBodies } from './support/bad-bodies';
import { BadQuery, badQueries } from './support/bad-queries';
import { HOUR_MS, at, eventBody } from './support/schedule';

// Bad input never gives a 500: a few hundred generated bad bodies at every write endpoint each get a 400 (or 404
// for an unknown id) whose message names the field. Failures print the generated case (fast-check shrinks it).
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 200);

const eventFields = (required: boolean): FieldSpec[] => [
  { path: 'title', kind: 'string', min: 1, max: 200, required },
  { path: 'description', kind: 'string', min: 0, max: 5000, required: false },
  { path: 'startsAt', kind: 'date', required },
  { path: 'endsAt', kind: 'date', required },
  { path: 'mode', kind: 'enum', values: ['live', 'on-demand'], required },
  { path: 'attendeeLimit', kind: 'int', min: 1, max: 5000, required: false },
];
const personFields = (prefix = ''): FieldSpec[] => [
  { path: `${prefix}email`, kind: 'email', max: 254, required: true },
  { path: `${prefix}name`, kind: 'string', min: 1, max: 200, required: true },
  { path: `${prefix}password`, kind: 'string', min: 12, max: 200, required: true },
];
const orderFields = (prefix = ''): FieldSpec[] => [
  { path: `${prefix}seats`, kind: 'int', min: 1, max: 10000, required: true },
  { path: `${prefix}attendeeLimit`, kind: 'int', min: 1, max: 5000, required: true },
  { path: `${prefix}overageRateCents`, kind: 'int', min: 0, max: 1_000_000, required: true },
  { path: `${prefix}overagePolicy`, kind: 'enum', values: ['bill', 'block'], required: true },
  { path: `${prefix}overageCap`, kind: 'int', min: 0, max: 1_000_000, required: false },
  { path: `${prefix}validFrom`, kind: 'date', required: true },
  { path: `${prefix}validUntil`, kind: 'date', required: true },
];
const validOrder = {
  seats: 3,
  attendeeLimit: 100,
  overageRateCents: 100,
  overagePolicy: 'bill',
  overageCap: 10,
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2030-01-01T00:00:00Z',
};
const validPerson = { email: 'someone.new@example.org', name: 'Someone New', password: 'long-enough-password' };

/** Semantic mistakes in an otherwise well-formed body. */
const fixed = (what: string, field: string, body: unknown) =>
  fc.constant<BadBody>({ what, field, raw: JSON.stringify(body) });

describe('bad input never gives a 500 (property-based)', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let eventId: string;
  before(async () => {
    // hundreds of public registrations from one address: the registration limits are not what this test is about
    h = await startControlPlane({ REGISTRATION_IP_LIMIT: 1_000_000, REGISTRATION_EMAIL_LIMIT: 1_000_000 });
    s = await h.seed();
    eventId = (await h.api(s.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body.id;
  });
  after(async () => {
    await h.close();
  });

  async function hammer(method: string, path: () => string, token: string | undefined, bodies: fc.Arbitrary<BadBody>) {
    await fc.assert(
      fc.asyncProperty(bodies, async (bad) => {
        const r = await h
          .api(token)
          .request(method, path(), undefined, { raw: bad.raw, headers: { 'content-type': 'application/json' } });
        assert.ok(r.status === 400 || r.status === 404, `${bad.what} → ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(typeof r.body.message, 'string', bad.what);
        assert.ok(
          r.body.field === bad.field || r.body.message.includes(bad.field),
          `${bad.what}: answer should name ${bad.field}: ${JSON.stringify(r.body)}`,
        );
      }),
      { numRuns: RUNS },
    );
  }

  async function hammerQuery(path: string, token: string, queries: fc.Arbitrary<BadQuery>) {
    await fc.assert(
      fc.asyncProperty(queries, async (bad) => {
        const r = await h.api(token).get(`${path}?${bad.query}`);
        assert.equal(r.status, 400, `${bad.what} → ${r.status} ${JSON.stringify(r.body)}`);
        assert.ok(
          r.body.field === bad.field || String(r.body.message).includes(bad.field),
          `${bad.what}: answer should name ${bad.field}: ${JSON.stringify(r.body)}`,
        );
      }),
      { numRuns: RUNS },
    );
  }

  async function unknownIds(method: string, path: (id: string) => string, token: string, body: unknown) {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.stringMatching(/^[\w-]{1,40}$/)), async (id) => {
        const r = await h.api(token).request(method, path(id), body);
        assert.equal(r.status, 404, `${id} → ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, 'id');
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  }

  it('POST /api/auth/login', async () => {
    await hammer(
      'POST',
      () => '/api/auth/login',
      undefined,
      badBodies({ email: s.admin.email, password: 'whatever' }, [
        { path: 'email', kind: 'string', min: 3, max: 254, required: true },
        { path: 'password', kind: 'string', min: 1, max: 200, required: true },
      ]),
    );
  });

  it('POST /api/events', async () => {
    const valid = eventBody(10 * HOUR_MS, HOUR_MS);
    await hammer(
      'POST',
      () => '/api/events',
      s.organizer.token,
      badBodies(valid, eventFields(true), [
        fixed('end before start', 'endsAt', { ...valid, endsAt: at(9 * HOUR_MS) }),
        fixed('end equal to start', 'endsAt', { ...valid, endsAt: valid.startsAt }),
        fixed('8 h 1 min', 'endsAt', { ...valid, endsAt: at(18 * HOUR_MS + 60_000) }),
        fixed('limit above the order', 'attendeeLimit', { ...valid, attendeeLimit: 101 }),
      ]),
    );
  });

  it('PATCH /api/events/:id', async () => {
    await hammer(
      'PATCH',
      () => `/api/events/${eventId}`,
      s.organizer.token,
      badBodies({ title: 'Renamed' }, eventFields(false), [fixed('end before start', 'endsAt', { endsAt: at(0) })]),
    );
    await unknownIds('PATCH', (id) => `/api/events/${id}`, s.organizer.token, { title: 'x' });
  });

  it('POST /api/events/:id/cancel, /start, /end and /stream-key with unknown ids', async () => {
    for (const action of ['cancel', 'start', 'end', 'stream-key']) {
      await unknownIds('POST', (id) => `/api/events/${id}/${action}`, s.organizer.token, undefined);
    }
  });

  it('POST /api/orders and PUT /api/orders/:id', async () => {
    const extra = [
      fixed('valid until before valid from', 'validUntil', { ...validOrder, validUntil: '2025-01-01T00:00:00Z' }),
      fixed('cap on a block order', 'overageCap', { ...validOrder, overagePolicy: 'block', overageCap: 5 }),
    ];
    await hammer('POST', () => '/api/orders', s.admin.token, badBodies(validOrder, orderFields(), extra));
    await hammer('PUT', () => `/api/orders/${s.orderId}`, s.admin.token, badBodies(validOrder, orderFields(), extra));
    await unknownIds('PUT', (id) => `/api/orders/${id}`, s.admin.token, validOrder);
  });

  it('POST /api/organizers, /:id/reassign and /:id/deactivate', async () => {
    const generic = fixed('generic identity', 'email', { ...validPerson, email: 'trainer12@example.org' });
    await hammer(
      'POST',
      () => '/api/organizers',
      s.admin.token,
      badBodies(
        { ...validPerson, orderId: s.orderId },
        [...personFields(), { path: 'orderId', kind: 'uuid', required: false }],
        [generic],
      ),
    );
    await hammer(
      'POST',
      () => `/api/organizers/${s.organizer.id}/reassign`,
      s.admin.token,
      badBodies(validPerson, personFields(), [generic]),
    );
    await unknownIds('POST', (id) => `/api/organizers/${id}/reassign`, s.admin.token, validPerson);
    await unknownIds('POST', (id) => `/api/organizers/${id}/deactivate`, s.admin.token, undefined);
    await unknownIds('POST', (id) => `/api/organizers/${id}/reactivate`, s.admin.token, undefined);
  });

  it('POST /api/public/events/:slug/registrations', async () => {
    const slug = (await h.api(s.organizer.token).get(`/api/events/${eventId}`)).body.publicSlug;
    await hammer(
      'POST',
      () => `/api/public/events/${slug}/registrations`,
      undefined,
      badBodies({ name: 'Alan', email: 'alan@example.org' }, [
        { path: 'name', kind: 'string', min: 1, max: 200, required: true },
        { path: 'email', kind: 'email', max: 254, required: true },
        { path: 'language', kind: 'enum', values: ['en', 'fr'], required: false },
      ]),
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (unknown) => {
        const r = await h.api().post(`/api/public/events/${encodeURIComponent(unknown)}x/registrations`, {
          name: 'Alan',
          email: 'alan@example.org',
        });
        assert.equal(r.status, 404, `${unknown} → ${r.status}`);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('POST /api/events/:id/registrations', async () => {
    await hammer(
      'POST',
      () => `/api/events/${eventId}/registrations`,
      s.organizer.token,
      badBodies({ name: 'Alan', email: 'alan@example.org', sendInvitation: false }, [
        { path: 'name', kind: 'string', min: 1, max: 200, required: true },
        { path: 'email', kind: 'email', max: 254, required: true },
        { path: 'language', kind: 'enum', values: ['en', 'fr'], required: false },
      ]),
    );
    await unknownIds('POST', (id) => `/api/events/${id}/registrations`, s.organizer.token, {
      name: 'Alan',
      email: 'alan@example.org',
    });
  });

  const onboarding = {
    valid: {
      accountName: 'Acme',
      admin: { ...validPerson, email: 'boss.person@acme.example' },
      order: validOrder,
      organizers: [validPerson],
    },
    fields: [
      { path: 'accountName', kind: 'string', min: 1, max: 200, required: true },
      ...personFields('admin.'),
      ...orderFields('order.'),
      ...personFields('organizers.0.'),
    ] satisfies FieldSpec[],
  };

  it('POST /api/internal/accounts', async () => {
    await hammer(
      'POST',
      () => '/api/internal/accounts',
      h.config.INTERNAL_API_TOKEN,
      badBodies(onboarding.valid, onboarding.fields),
    );
  });

  it('POST /api/operator/accounts', async () => {
    const operator = await h.seedOperator();
    await hammer(
      'POST',
      () => '/api/operator/accounts',
      operator.token,
      badBodies(onboarding.valid, onboarding.fields, [
        fixed('generic organizer', 'organizers.0.email', {
          ...onboarding.valid,
          organizers: [{ ...validPerson, email: 'webinars@acme.example' }],
        }),
        fixed('valid until before valid from', 'order.validUntil', {
          ...onboarding.valid,
          order: { ...validOrder, validUntil: '2025-01-01T00:00:00Z' },
        }),
      ]),
    );
  });

  it('GET /api/events/:id/registrations ?q ?offset ?limit', async () => {
    await hammerQuery(
      `/api/events/${eventId}/registrations`,
      s.organizer.token,
      badQueries({ q: 'ada', offset: '0', limit: '50' }, [
        { name: 'q', kind: 'string', max: 200 },
        { name: 'offset', kind: 'int', min: 0, max: 1_000_000 },
        { name: 'limit', kind: 'int', min: 1, max: 500 },
      ]),
    );
  });

  it('GET /api/events/:id/attendance/series ?points', async () => {
    await hammerQuery(
      `/api/events/${eventId}/attendance/series`,
      s.organizer.token,
      badQueries({ points: '600' }, [{ name: 'points', kind: 'int', min: 10, max: 3600 }]),
    );
  });

  it('GET /api/account/usage ?month', async () => {
    await hammerQuery(
      '/api/account/usage',
      s.admin.token,
      badQueries({ month: '2026-03' }, [{ name: 'month', kind: 'pattern', pattern: /^\d{4}-(0[1-9]|1[0-2])$/ }]),
    );
  });

  it('GET .../registrations, .../series and .../capacity with unknown event ids', async () => {
    for (const sub of ['registrations', 'registrations.csv', 'attendance/series', 'capacity']) {
      await unknownIds('GET', (id) => `/api/events/${id}/${sub}`, s.organizer.token, undefined);
    }
  });
});
