import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { API_KEY_SCOPES, WEBHOOK_EVENT_TYPES } from '#domain';
import { signViewerToken } from '#tokens';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { BadBody, FieldSpec, badBodies } from './support/bad-bodies';
import { BadQuery, badQueries } from './support/bad-queries';
import { HOUR_MS, at, eventBody } from './support/schedule';

// Bad input never gives a 500: a few hundred generated bad bodies at every write endpoint each get a 400 (or 404
// for an unknown id) whose message names the field. Failures print the generated case (fast-check shrinks it).
// Every route of the OpenAPI document that writes or takes a parameter must be hammered here or excluded below.
// the failed assertion (status and body) goes into the report next to the counterexample
fc.configureGlobal({ includeErrorInReport: true });
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 200);
// The endpoints added after the first version get a quarter of the runs (50 by default): there are many of them and
// the whole file must stay well under 90 s on a 2-core CI runner.
const FEW = Math.max(1, Math.ceil(RUNS / 4));

/** What a refusal may answer: never a 500, never a 2xx. */
const REFUSALS = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429]);

/** Routes of the OpenAPI document no hammer calls, and why. */
const NOT_HAMMERED: Record<string, string> = {
  // its only input is the access token; token-confusion.int.test.ts and auth.int.test.ts try bad ones
  'GET /api/auth/me': 'no parameters or body',
  // its only input is the viewer token; stage-viewing.int.test.ts tries none and an organizer's
  'DELETE /api/stage/me/history': 'no parameters or body',
};

const eventFields = (required: boolean): FieldSpec[] => [
  { path: 'title', kind: 'string', min: 1, max: 200, required },
  { path: 'description', kind: 'string', min: 0, max: 5000, required: false },
  { path: 'startsAt', kind: 'date', required },
  { path: 'endsAt', kind: 'date', required },
  { path: 'mode', kind: 'enum', values: ['live', 'on-demand'], required },
  { path: 'playAsLive', kind: 'boolean', required: false },
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
const webhookFields = (required: boolean): FieldSpec[] => [
  { path: 'url', kind: 'string', min: 0, max: 2000, required },
  { path: 'description', kind: 'string', min: 0, max: 200, required: false },
  { path: 'eventTypes', kind: 'enumArray', values: WEBHOOK_EVENT_TYPES, required },
  { path: 'enabled', kind: 'boolean', required: false },
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
const validWebhook = { url: 'https://hooks.example.com/webcasts', eventTypes: ['event.scheduled'] };

/** Semantic mistakes in an otherwise well-formed body. */
const fixed = (what: string, field: string, body: unknown) =>
  fc.constant<BadBody>({ what, field, raw: JSON.stringify(body) });

/** Wrong URLs for a webhook: each must be refused naming `url`. */
const badWebhookUrls = (base: Record<string, unknown>) =>
  [
    ['not a URL', 'crm.example.com/hooks'],
    ['http', 'http://hooks.example.com/x'],
    ['another scheme', 'ftp://hooks.example.com/x'],
    ['loopback', 'https://127.0.0.1/x'],
    ['IPv6 loopback', 'https://[::1]/x'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/x'],
    ['private address', 'https://10.1.2.3/x'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data'],
    ['localhost', 'https://localhost:8080/x'],
    ['internal name', 'https://redis.internal/x'],
    ['credentials', 'https://user:secret@hooks.example.com/x'],
  ].map(([what, url]) => fixed(`url: ${what}`, 'url', { ...base, url }));

/**
 * Path segments that cannot name anything: other ids, garbage, traversal, NUL, malformed escapes, huge. Already
 * encoded for the URL; `.` and `..` are left out (the client resolves them before sending).
 */
const badSegments: fc.Arbitrary<string> = fc.oneof(
  fc.uuid().map(encodeURIComponent),
  fc.stringMatching(/^[\w-]{1,40}$/),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 60 })
    .map(encodeURIComponent)
    .filter((s) => !/^(\.|%2e){1,2}$/i.test(s)),
  fc.constantFrom(
    '..%2F..%2Fetc%2Fpasswd',
    '%2E%2E%2Fsecret',
    '%00',
    'x%00y',
    '%',
    '%zz',
    '%E0%A4%A',
    '%C0%AF',
    'null',
    'undefined',
    '-1',
    '0',
    '00000000-0000-0000-0000-000000000000',
    'msg_0123456789abcdef0123456789abcdef',
    '%7B%22%24ne%22%3A1%7D',
    "1'%20OR%20'1'%3D'1",
  ),
  fc.integer({ min: 5000, max: 9000 }).map((n) => 'a'.repeat(n)),
);

describe('bad input never gives a 500 (property-based)', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let eventId: string;
  let operatorToken: string;
  /** Bad inputs tried, by OpenAPI route ('POST /api/webhooks/{id}/test'), and the 500s among them. */
  const tried = new Map<string, number>();
  let fiveHundreds = 0;

  before(async () => {
    h = await startControlPlane({
      // hundreds of public registrations from one address: the registration limits are not what this test is about
      REGISTRATION_IP_LIMIT: 1_000_000,
      REGISTRATION_EMAIL_LIMIT: 1_000_000,
      // a small upload limit, so an oversized source is cheap to send
      UPLOAD_MAX_BYTES: 64 * 1024,
      // hundreds of anonymous Stage reads from one address, likewise
      STAGE_PUBLIC_RATE_LIMIT: 1_000_000,
    });
    s = await h.seed();
    eventId = (await h.api(s.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body.id;
    operatorToken = (await h.seedOperator()).token;
  });
  after(async () => {
    const perSurface = Object.fromEntries([...tried].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    console.log(
      `bad inputs tried: ${total} at ${tried.size} endpoints, 500s: ${fiveHundreds}; per endpoint ${JSON.stringify(perSurface)}`,
    );
    await h.close();
  });

  function count(route: string, status: number) {
    tried.set(route, (tried.get(route) ?? 0) + 1);
    if (status >= 500) fiveHundreds++;
  }

  /** route is the OpenAPI method and path ('PATCH /api/webhooks/{id}'); path() is what to call. */
  async function hammer(
    route: string,
    path: () => string,
    token: string | undefined,
    bodies: fc.Arbitrary<BadBody>,
    numRuns = RUNS,
  ) {
    const method = route.split(' ')[0];
    await fc.assert(
      fc.asyncProperty(bodies, async (bad) => {
        const r = await h
          .api(token)
          .request(method, path(), undefined, { raw: bad.raw, headers: { 'content-type': 'application/json' } });
        count(route, r.status);
        assert.ok(r.status === 400 || r.status === 404, `${bad.what} → ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(typeof r.body.message, 'string', bad.what);
        assert.ok(
          r.body.field === bad.field || r.body.message.includes(bad.field),
          `${bad.what}: answer should name ${bad.field}: ${JSON.stringify(r.body)}`,
        );
      }),
      { numRuns },
    );
  }

  async function hammerQuery(
    route: string,
    path: string,
    token: string,
    queries: fc.Arbitrary<BadQuery>,
    numRuns = RUNS,
  ) {
    await fc.assert(
      fc.asyncProperty(queries, async (bad) => {
        const r = await h.api(token).get(`${path}?${bad.query}`);
        count(route, r.status);
        assert.equal(r.status, 400, `${bad.what} → ${r.status} ${JSON.stringify(r.body)}`);
        assert.ok(
          r.body.field === bad.field || String(r.body.message).includes(bad.field),
          `${bad.what}: answer should name ${bad.field}: ${JSON.stringify(r.body)}`,
        );
      }),
      { numRuns },
    );
  }

  /** Ids that name nothing answer 404 naming the parameter. */
  async function unknownIds(
    route: string,
    path: (id: string) => string,
    token: string,
    body: unknown,
    {
      field = 'id',
      numRuns = Math.ceil(RUNS / 4),
      contentType,
    }: { field?: string; numRuns?: number; contentType?: string } = {},
  ) {
    const method = route.split(' ')[0];
    // a body of another type than JSON is sent as it is
    const opts = contentType ? { raw: String(body), headers: { 'content-type': contentType } } : undefined;
    await fc.assert(
      fc.asyncProperty(badSegments, async (id) => {
        const r = await h.api(token).request(method, path(id), opts ? undefined : body, opts);
        count(route, r.status);
        // a malformed escape (%zz) is refused by the router before any route sees it: 400, not 404
        if (r.status === 400 && /^Failed to decode param/.test(r.body.message)) return;
        assert.equal(r.status, 404, `${id.slice(0, 80)} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        assert.equal(typeof r.body.message, 'string', id.slice(0, 80));
        assert.equal(r.body.field, field, `${id.slice(0, 80)}: ${JSON.stringify(r.body).slice(0, 300)}`);
      }),
      { numRuns },
    );
  }

  /** Inputs refused with any client-error status of REFUSALS (plus `also`), as JSON whose message is a string. */
  async function refused<T>(
    route: string,
    inputs: fc.Arbitrary<T>,
    send: (input: T) => Promise<{ status: number; body: any }>,
    { numRuns = FEW, also = [] as number[], field }: { numRuns?: number; also?: number[]; field?: string } = {},
  ) {
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const r = await send(input);
        count(route, r.status);
        const what = JSON.stringify(input)?.slice(0, 100);
        assert.ok(REFUSALS.has(r.status) || also.includes(r.status), `${what} → ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(typeof r.body?.message, 'string', `${what}: ${JSON.stringify(r.body)?.slice(0, 300)}`);
        if (field) assert.equal(r.body.field, field, `${what}: ${JSON.stringify(r.body).slice(0, 300)}`);
      }),
      { numRuns },
    );
  }

  it('POST /api/auth/login', async () => {
    await hammer(
      'POST /api/auth/login',
      () => '/api/auth/login',
      undefined,
      badBodies({ email: s.admin.email, password: 'whatever' }, [
        { path: 'email', kind: 'string', min: 3, max: 254, required: true },
        { path: 'password', kind: 'string', min: 1, max: 200, required: true },
      ]),
    );
  });

  it('POST /api/events (playAsLive too)', async () => {
    const valid = eventBody(10 * HOUR_MS, HOUR_MS);
    await hammer(
      'POST /api/events',
      () => '/api/events',
      s.organizer.token,
      badBodies(valid, eventFields(true), [
        fixed('end before start', 'endsAt', { ...valid, endsAt: at(9 * HOUR_MS) }),
        fixed('end equal to start', 'endsAt', { ...valid, endsAt: valid.startsAt }),
        fixed('8 h 1 min', 'endsAt', { ...valid, endsAt: at(18 * HOUR_MS + 60_000) }),
        fixed('limit above the order', 'attendeeLimit', { ...valid, attendeeLimit: 101 }),
        fixed('a live event played as live', 'playAsLive', { ...valid, mode: 'live', playAsLive: true }),
      ]),
    );
  });

  it('PATCH /api/events/:id (playAsLive too)', async () => {
    await hammer(
      'PATCH /api/events/{id}',
      () => `/api/events/${eventId}`,
      s.organizer.token,
      badBodies({ title: 'Renamed' }, eventFields(false), [
        fixed('end before start', 'endsAt', { endsAt: at(0) }),
        fixed('a live event played as live', 'playAsLive', { playAsLive: true }),
        fixed('switched to live and played as live', 'playAsLive', { mode: 'live', playAsLive: true }),
      ]),
    );
    await unknownIds('PATCH /api/events/{id}', (id) => `/api/events/${id}`, s.organizer.token, { title: 'x' });
  });

  it('POST /api/events/:id/cancel, /start, /end and /stream-key with unknown ids', async () => {
    for (const action of ['cancel', 'start', 'end', 'stream-key']) {
      await unknownIds(
        `POST /api/events/{id}/${action}`,
        (id) => `/api/events/${id}/${action}`,
        s.organizer.token,
        undefined,
      );
    }
  });

  it('GET /api/events ?state', async () => {
    await hammerQuery(
      'GET /api/events',
      '/api/events',
      s.organizer.token,
      badQueries({ state: 'scheduled' }, [
        { name: 'state', kind: 'enum', values: ['scheduled', 'live', 'ended', 'cancelled'] },
      ]),
      FEW,
    );
  });

  it('POST /api/orders and PUT /api/orders/:id', async () => {
    const extra = [
      fixed('valid until before valid from', 'validUntil', { ...validOrder, validUntil: '2025-01-01T00:00:00Z' }),
      fixed('cap on a block order', 'overageCap', { ...validOrder, overagePolicy: 'block', overageCap: 5 }),
    ];
    await hammer('POST /api/orders', () => '/api/orders', s.admin.token, badBodies(validOrder, orderFields(), extra));
    await hammer(
      'PUT /api/orders/{id}',
      () => `/api/orders/${s.orderId}`,
      s.admin.token,
      badBodies(validOrder, orderFields(), extra),
    );
    await unknownIds('PUT /api/orders/{id}', (id) => `/api/orders/${id}`, s.admin.token, validOrder);
  });

  it('POST /api/organizers, /:id/reassign and /:id/deactivate', async () => {
    const generic = fixed('generic identity', 'email', { ...validPerson, email: 'trainer12@example.org' });
    await hammer(
      'POST /api/organizers',
      () => '/api/organizers',
      s.admin.token,
      badBodies(
        { ...validPerson, orderId: s.orderId },
        [...personFields(), { path: 'orderId', kind: 'uuid', required: false }],
        [generic, fixed('unknown order', 'orderId', { ...validPerson, orderId: randomUUID() })],
      ),
    );
    await hammer(
      'POST /api/organizers/{id}/reassign',
      () => `/api/organizers/${s.organizer.id}/reassign`,
      s.admin.token,
      badBodies(validPerson, personFields(), [generic]),
    );
    await unknownIds(
      'POST /api/organizers/{id}/reassign',
      (id) => `/api/organizers/${id}/reassign`,
      s.admin.token,
      validPerson,
    );
    for (const action of ['deactivate', 'reactivate']) {
      await unknownIds(
        `POST /api/organizers/{id}/${action}`,
        (id) => `/api/organizers/${id}/${action}`,
        s.admin.token,
        undefined,
      );
    }
  });

  it('POST /api/public/events/:slug/registrations', async () => {
    const slug = (await h.api(s.organizer.token).get(`/api/events/${eventId}`)).body.publicSlug;
    await hammer(
      'POST /api/public/events/{slug}/registrations',
      () => `/api/public/events/${slug}/registrations`,
      undefined,
      badBodies({ name: 'Alan', email: 'alan@example.org' }, [
        { path: 'name', kind: 'string', min: 1, max: 200, required: true },
        { path: 'email', kind: 'email', max: 254, required: true },
        { path: 'language', kind: 'enum', values: ['en', 'fr'], required: false },
      ]),
    );
    await unknownIds(
      'POST /api/public/events/{slug}/registrations',
      (bad) => `/api/public/events/${bad}/registrations`,
      '',
      { name: 'Alan', email: 'alan@example.org' },
      { field: 'slug' },
    );
  });

  it('GET /api/public/events/:slug with unknown slugs', async () => {
    await unknownIds('GET /api/public/events/{slug}', (bad) => `/api/public/events/${bad}`, '', undefined, {
      field: 'slug',
      numRuns: FEW,
    });
  });

  it('POST /api/events/:id/registrations', async () => {
    await hammer(
      'POST /api/events/{id}/registrations',
      () => `/api/events/${eventId}/registrations`,
      s.organizer.token,
      badBodies({ name: 'Alan', email: 'alan@example.org', sendInvitation: false }, [
        { path: 'name', kind: 'string', min: 1, max: 200, required: true },
        { path: 'email', kind: 'email', max: 254, required: true },
        { path: 'language', kind: 'enum', values: ['en', 'fr'], required: false },
        { path: 'sendInvitation', kind: 'boolean', required: false },
      ]),
    );
    await unknownIds(
      'POST /api/events/{id}/registrations',
      (id) => `/api/events/${id}/registrations`,
      s.organizer.token,
      {
        name: 'Alan',
        email: 'alan@example.org',
      },
    );
  });

  it('POST /api/events/:id/registrations/import: not CSV, bad parameters, bad rows', async () => {
    const route = 'POST /api/events/{id}/registrations/import';
    const api = h.api(s.organizer.token);
    const send = (raw: string, contentType = 'text/csv', query = 'sendInvitations=false', id = eventId) =>
      api.request('POST', `/api/events/${id}/registrations/import?${query}`, undefined, {
        raw,
        headers: { 'content-type': contentType },
      });
    // not CSV at all, or a broken sendInvitations: refused as a whole
    await refused(
      route,
      fc.oneof(
        fc.record({ raw: fc.json(), contentType: fc.constant('application/json'), query: fc.constant('') }),
        fc.record({
          raw: fc.string({ maxLength: 40 }),
          contentType: fc.constantFrom('text/plain', 'application/octet-stream', 'multipart/form-data'),
          query: fc.constant(''),
        }),
        fc.record({
          raw: fc.constant('name,email\nAlan,alan@example.org\n'),
          contentType: fc.constant('text/csv'),
          query: fc.oneof(
            fc
              .string({ maxLength: 10 })
              .filter((v) => v !== 'true' && v !== 'false')
              .map((v) => `sendInvitations=${encodeURIComponent(v)}`),
            fc.constant('sendInvitations=true&sendInvitations=false'),
          ),
        }),
      ),
      (c) => send(c.raw, c.contentType, c.query),
      { also: [] },
    );
    // a CSV bigger than the limit
    await refused(route, fc.constant(3 * 1024 * 1024), (n) => send(`name,email\n${'x,'.repeat(n / 2)}`), {
      numRuns: 1,
    });
    // CSV whose every row is wrong (or whose header is): 200 with each bad row as a problem, nobody imported
    const badRow = fc.oneof(
      fc.string({ maxLength: 30 }).map((e) => `Alan,${e.replace(/[,"\r\n]/g, '')}x`),
      fc.constant(',alan@example.org'),
      fc.string({ minLength: 201, maxLength: 260 }).map((n) => `${n.replace(/[\s,"]/g, 'x')},a@example.org`),
      fc.string({ maxLength: 10 }).map((n) => `${n.replace(/[,"\r\n]/g, '')}\u0000Alan,alan.nul@example.org`),
      fc.constant('Alan,alan@example.org,de'),
    );
    const csv = fc.oneof(
      fc.array(badRow, { minLength: 1, maxLength: 5 }).map((rows) => `name,email,language\n${rows.join('\n')}\n`),
      fc.string({ maxLength: 200 }).filter((t) => !/name/i.test(t)),
    );
    await fc.assert(
      fc.asyncProperty(csv, async (text) => {
        const r = await send(text);
        count(route, r.status);
        if (r.status === 200) {
          assert.equal(r.body.imported.length, 0, `${JSON.stringify(text)} imported ${JSON.stringify(r.body)}`);
          assert.ok(r.body.problems.length > 0, `${JSON.stringify(text)}: no problem reported`);
        } else {
          assert.ok(REFUSALS.has(r.status), `${JSON.stringify(text)} → ${r.status} ${JSON.stringify(r.body)}`);
          assert.equal(typeof r.body.message, 'string');
        }
      }),
      { numRuns: FEW },
    );
    await unknownIds(
      route,
      (id) => `/api/events/${id}/registrations/import`,
      s.organizer.token,
      'name,email\nAlan,alan@example.org\n',
      { numRuns: FEW, contentType: 'text/csv' },
    );
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
      'POST /api/internal/accounts',
      () => '/api/internal/accounts',
      h.config.INTERNAL_API_TOKEN,
      badBodies(onboarding.valid, onboarding.fields),
    );
  });

  it('POST /api/operator/accounts', async () => {
    await hammer(
      'POST /api/operator/accounts',
      () => '/api/operator/accounts',
      operatorToken,
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

  it('POST /api/webhooks and PATCH /api/webhooks/:id', async () => {
    await hammer(
      'POST /api/webhooks',
      () => '/api/webhooks',
      s.admin.token,
      badBodies(validWebhook, webhookFields(true), badWebhookUrls(validWebhook)),
      FEW,
    );
    const created = await h.api(s.admin.token).post('/api/webhooks', validWebhook);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await hammer(
      'PATCH /api/webhooks/{id}',
      () => `/api/webhooks/${created.body.id}`,
      s.admin.token,
      badBodies({ description: 'CRM' }, webhookFields(false), badWebhookUrls({})),
      FEW,
    );
    await unknownIds(
      'PATCH /api/webhooks/{id}',
      (id) => `/api/webhooks/${id}`,
      s.admin.token,
      { enabled: false },
      {
        numRuns: FEW,
      },
    );
  });

  it('DELETE /api/webhooks/:id, POST /secret, /test and /deliveries/:deliveryId/replay', async () => {
    for (const route of [
      'DELETE /api/webhooks/{id}',
      'POST /api/webhooks/{id}/secret',
      'POST /api/webhooks/{id}/test',
    ]) {
      const suffix = route.split('{id}')[1];
      await unknownIds(route, (id) => `/api/webhooks/${id}${suffix}`, s.admin.token, undefined, { numRuns: FEW });
    }
    const replay = 'POST /api/webhooks/{id}/deliveries/{deliveryId}/replay';
    await unknownIds(replay, (id) => `/api/webhooks/${id}/deliveries/msg_0/replay`, s.admin.token, undefined, {
      numRuns: FEW,
    });
    const paused = await h.api(s.admin.token).post('/api/webhooks', { ...validWebhook, enabled: false });
    await unknownIds(
      replay,
      (d) => `/api/webhooks/${paused.body.id}/deliveries/${d}/replay`,
      s.admin.token,
      undefined,
      { field: 'deliveryId', numRuns: FEW },
    );
    // a paused endpoint takes no test message: 409, not a delivery
    await refused(
      'POST /api/webhooks/{id}/test',
      fc.constant(paused.body.id),
      (id) => h.api(s.admin.token).post(`/api/webhooks/${id}/test`),
      { numRuns: 1, field: 'id' },
    );
  });

  it('GET /api/webhooks/:id and /:id/deliveries ?limit', async () => {
    const created = await h.api(s.admin.token).post('/api/webhooks', { ...validWebhook, enabled: false });
    await hammerQuery(
      'GET /api/webhooks/{id}/deliveries',
      `/api/webhooks/${created.body.id}/deliveries`,
      s.admin.token,
      badQueries({ limit: '50' }, [{ name: 'limit', kind: 'int', min: 1, max: 200 }]),
      FEW,
    );
    for (const sub of ['', '/deliveries']) {
      await unknownIds(`GET /api/webhooks/{id}${sub}`, (id) => `/api/webhooks/${id}${sub}`, s.admin.token, undefined, {
        numRuns: FEW,
      });
    }
  });

  it('POST /api/api-keys and /:id/revoke', async () => {
    const valid = { name: 'CRM sync', scopes: ['read:events'] };
    await hammer(
      'POST /api/api-keys',
      () => '/api/api-keys',
      s.admin.token,
      badBodies(
        valid,
        [
          { path: 'name', kind: 'string', min: 1, max: 100, required: true },
          { path: 'scopes', kind: 'enumArray', values: API_KEY_SCOPES, required: true },
          { path: 'actsAsOrganizerId', kind: 'uuid', required: false },
        ],
        [
          fixed('organizer scope without an organizer', 'actsAsOrganizerId', { ...valid, scopes: ['write:events'] }),
          fixed('unknown organizer', 'actsAsOrganizerId', { ...valid, actsAsOrganizerId: randomUUID() }),
          fixed('the administrator as organizer', 'actsAsOrganizerId', { ...valid, actsAsOrganizerId: s.admin.id }),
        ],
      ),
      FEW,
    );
    await unknownIds('POST /api/api-keys/{id}/revoke', (id) => `/api/api-keys/${id}/revoke`, s.admin.token, undefined, {
      numRuns: FEW,
    });
  });

  it('GET /api/public/join/:token with malformed, tampered, foreign and huge tokens', async () => {
    const added = await h
      .api(s.organizer.token)
      .post(`/api/events/${eventId}/registrations`, { name: 'Joan', email: 'joan@example.org', sendInvitation: false });
    const real: string = added.body.joinToken;
    assert.ok(real, JSON.stringify(added.body));
    const tampered = fc
      .tuple(fc.nat({ max: real.length - 1 }), fc.constantFrom(...'ABCxyz019-_.'))
      .map(([i, c]) => real.slice(0, i) + c + real.slice(i + 1))
      .filter((t) => t !== real);
    const tokens = fc
      .oneof(
        tampered,
        fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        fc
          .array(fc.base64String({ maxLength: 80 }), { minLength: 2, maxLength: 4 })
          .map((parts) => parts.map((p) => p.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')).join('.')),
        fc.constantFrom(s.organizer.token, s.admin.token, `${real}.${real}`, real.split('.').reverse().join('.')),
        fc.integer({ min: 4097, max: 9000 }).map((n) => real.repeat(Math.ceil(n / real.length)).slice(0, n)),
      )
      // '.' and '..' are path segments every URL client resolves away: no server ever sees them as a token
      .filter((t) => t !== '.' && t !== '..');
    await refused(
      'GET /api/public/join/{token}',
      tokens,
      (t) => h.api().get(`/api/public/join/${encodeURIComponent(t)}`),
      { field: 'token' },
    );
  });

  it('GET /api/dev/outbox/:id with bad ids', async () => {
    await unknownIds('GET /api/dev/outbox/{id}', (id) => `/api/dev/outbox/${id}`, operatorToken, undefined, {
      numRuns: FEW,
    });
  });

  it('POST /api/media/assets and PUT /api/media/assets/:id/event', async () => {
    await hammer(
      'POST /api/media/assets',
      () => '/api/media/assets',
      s.organizer.token,
      badBodies(
        { title: 'Keynote', eventId },
        [
          { path: 'title', kind: 'string', min: 1, max: 200, required: true },
          { path: 'eventId', kind: 'uuid', required: false },
        ],
        [fixed('unknown event', 'eventId', { title: 'Keynote', eventId: randomUUID() })],
      ),
      FEW,
    );
    const asset = await h.api(s.organizer.token).post('/api/media/assets', { title: 'Keynote' });
    assert.equal(asset.status, 201, JSON.stringify(asset.body));
    await hammer(
      'PUT /api/media/assets/{id}/event',
      () => `/api/media/assets/${asset.body.id}/event`,
      s.organizer.token,
      badBodies(
        { eventId },
        [{ path: 'eventId', kind: 'uuid', required: true, nullable: true }],
        [fixed('unknown event', 'eventId', { eventId: randomUUID() })],
      ),
      FEW,
    );
  });

  it('PUT /api/media/assets/:id/source and POST /:id/uploaded: empty, oversized, chunked, twice', async () => {
    const api = h.api(s.organizer.token);
    const fresh = (await api.post('/api/media/assets', { title: 'Fresh' })).body.id as string;
    const upload = (id: string, body: string | ReadableStream<Uint8Array>) =>
      fetch(`${h.url}/api/media/assets/${id}/source`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${s.organizer.token}`, 'content-type': 'application/octet-stream' },
        body,
        duplex: 'half',
      } as RequestInit).then(async (r) => ({ status: r.status, body: await r.json() }));
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(text));
          c.close();
        },
      });
    await refused(
      'PUT /api/media/assets/{id}/source',
      fc.oneof(
        fc.constant({ what: 'empty', body: '' }),
        fc.integer({ min: 64 * 1024 + 1, max: 200 * 1024 }).map((n) => ({ what: 'oversized', body: 'x'.repeat(n) })),
        fc.string({ minLength: 1, maxLength: 50 }).map((t) => ({ what: 'chunked', body: t, chunked: true })),
      ),
      (c) => upload(fresh, 'chunked' in c ? chunked(c.body) : c.body),
      // a chunked upload has no Content-Length: 411 Length Required says exactly that
      { also: [411] },
    );
    await refused(
      'POST /api/media/assets/{id}/uploaded',
      fc.constant(fresh),
      (id) => api.post(`/api/media/assets/${id}/uploaded`),
      { numRuns: 1, field: 'upload' },
    );
    // once queued, the asset takes no second source
    const queued = (await api.post('/api/media/assets', { title: 'Queued' })).body.id as string;
    assert.equal((await upload(queued, 'not really a video')).status, 202);
    await refused(
      'PUT /api/media/assets/{id}/source',
      fc.string({ minLength: 1, maxLength: 20 }),
      (t) => upload(queued, t),
      { numRuns: 5 },
    );
    await refused(
      'POST /api/media/assets/{id}/uploaded',
      fc.constant(queued),
      (id) => api.post(`/api/media/assets/${id}/uploaded`),
      { numRuns: 1 },
    );
    await unknownIds(
      'PUT /api/media/assets/{id}/source',
      (id) => `/api/media/assets/${id}/source`,
      s.organizer.token,
      undefined,
      {
        numRuns: FEW,
      },
    );
  });

  it('media assets with unknown ids: GET, DELETE, /uploaded, /event, /playback, /progress, keys', async () => {
    const routes: [string, string, unknown][] = [
      ['GET /api/media/assets/{id}', '', undefined],
      ['GET /api/media/assets/{id}/progress', '/progress', undefined],
      ['DELETE /api/media/assets/{id}', '', undefined],
      ['POST /api/media/assets/{id}/uploaded', '/uploaded', undefined],
      ['POST /api/media/assets/{id}/playback', '/playback', undefined],
      ['PUT /api/media/assets/{id}/event', '/event', { eventId: null }],
    ];
    for (const [route, suffix, body] of routes) {
      await unknownIds(route, (id) => `/api/media/assets/${id}${suffix}`, s.organizer.token, body, { numRuns: FEW });
    }
    await unknownIds('GET /api/keys/{assetId}', (id) => `/api/keys/${id}`, s.organizer.token, undefined, {
      field: 'assetId',
      numRuns: FEW,
    });
    await unknownIds(
      'GET /api/internal/media/assets/{assetId}/key',
      (id) => `/api/internal/media/assets/${id}/key`,
      h.config.INTERNAL_API_TOKEN,
      undefined,
      { field: 'assetId', numRuns: FEW },
    );
    // a key asked for with a garbage playback token
    const asset = (await h.api(s.organizer.token).post('/api/media/assets', { title: 'Locked' })).body.id as string;
    await refused('GET /api/keys/{assetId}', fc.string({ minLength: 1, maxLength: 300 }), (t) =>
      h.api().get(`/api/keys/${asset}?token=${encodeURIComponent(t)}`),
    );
  });

  it('POST /api/internal/live/publish, /events/:id/end and /events/:id/health', async () => {
    const internal = h.config.INTERNAL_API_TOKEN;
    await hammer(
      'POST /api/internal/live/publish',
      () => '/api/internal/live/publish',
      internal,
      badBodies({ streamKey: 'sk_unknown' }, [{ path: 'streamKey', kind: 'string', min: 1, max: 200, required: true }]),
      FEW,
    );
    await hammer(
      'POST /api/internal/live/events/{id}/end',
      () => `/api/internal/live/events/${eventId}/end`,
      internal,
      badBodies({ reason: 'presenter-stopped' }, [
        {
          path: 'reason',
          kind: 'enum',
          values: ['presenter-stopped', 'duration-cap', 'organizer-ended', 'key-revoked'],
          required: true,
        },
      ]),
      FEW,
    );
    const health = { bitrateKbps: 2500, fps: 30, droppedFrames: 0, width: 1280, videoCodec: 'h264' };
    await hammer(
      'POST /api/internal/live/events/{id}/health',
      () => `/api/internal/live/events/${eventId}/health`,
      internal,
      badBodies(health, [
        { path: 'bitrateKbps', kind: 'number', min: 0, max: 1_000_000, required: true },
        { path: 'fps', kind: 'number', min: 0, max: 1000, required: true },
        { path: 'droppedFrames', kind: 'int', min: 0, max: Number.MAX_SAFE_INTEGER, required: true },
        { path: 'width', kind: 'int', min: 0, max: 16384, required: false },
        { path: 'height', kind: 'int', min: 0, max: 16384, required: false },
        { path: 'videoCodec', kind: 'string', min: 0, max: 40, required: false },
        { path: 'audioCodec', kind: 'string', min: 0, max: 40, required: false },
        { path: 'keyframeIntervalS', kind: 'number', min: 0, max: 3600, required: false },
      ]),
      FEW,
    );
    for (const [sub, body] of [
      ['end', { reason: 'presenter-stopped' }],
      ['health', health],
    ] as const) {
      await unknownIds(
        `POST /api/internal/live/events/{id}/${sub}`,
        (id) => `/api/internal/live/events/${id}/${sub}`,
        internal,
        body,
        { numRuns: FEW },
      );
    }
  });

  it('GET /api/events/:id/registrations ?q ?offset ?limit', async () => {
    await hammerQuery(
      'GET /api/events/{id}/registrations',
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
      'GET /api/events/{id}/attendance/series',
      `/api/events/${eventId}/attendance/series`,
      s.organizer.token,
      badQueries({ points: '600' }, [{ name: 'points', kind: 'int', min: 10, max: 3600 }]),
    );
  });

  it('GET /api/account/usage ?month', async () => {
    await hammerQuery(
      'GET /api/account/usage',
      '/api/account/usage',
      s.admin.token,
      badQueries({ month: '2026-03' }, [{ name: 'month', kind: 'pattern', pattern: /^\d{4}-(0[1-9]|1[0-2])$/ }]),
    );
  });

  it('Stage publishing: POST /api/stage/videos, PATCH /:id, unknown ids, channel ?offset&limit', async () => {
    const api = h.api(s.organizer.token);
    const assetId = (await api.post('/api/media/assets', { title: 'For Stage' })).body.id as string;
    // a video and its channel as publishing leaves them (bad bodies never get as far as the asset)
    const channelId = randomUUID(),
      videoId = randomUUID();
    await h.db.query(`INSERT INTO stage_channels (id, account_id, name) VALUES ($1, $2, 'Channel')`, [
      channelId,
      s.accountId,
    ]);
    await h.db.query(`INSERT INTO stage_videos (id, channel_id, title, language) VALUES ($1, $2, 'Talk', 'en')`, [
      videoId,
      channelId,
    ]);
    const valid = { assetId, title: 'Keynote', description: '', tags: ['keynote'], language: 'en' };
    const fields = (required: boolean): FieldSpec[] => [
      { path: 'title', kind: 'string', min: 1, max: 200, required },
      { path: 'description', kind: 'string', min: 0, max: 5000, required: false },
      { path: 'language', kind: 'enum', values: ['fr', 'en'], required },
      { path: 'visibility', kind: 'enum', values: ['public', 'unlisted', 'account'], required: false },
    ];
    const badTags = (base: Record<string, unknown>) => [
      fixed('eleven tags', 'tags', { ...base, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }),
      fixed('an empty tag', 'tags', { ...base, tags: ['ok', ' '] }),
      fixed('a tag of 41 characters', 'tags', { ...base, tags: ['x'.repeat(41)] }),
      fixed('a tag that is no string', 'tags', { ...base, tags: [{ a: 1 }] }),
      fixed('tags that are no array', 'tags', { ...base, tags: 'keynote' }),
    ];
    await hammer(
      'POST /api/stage/videos',
      () => '/api/stage/videos',
      s.organizer.token,
      badBodies(
        valid,
        [...fields(true), { path: 'assetId', kind: 'uuid', required: true }],
        [...badTags(valid), fixed('unknown asset', 'assetId', { ...valid, assetId: randomUUID() })],
      ),
      FEW,
    );
    await hammer(
      'PATCH /api/stage/videos/{id}',
      () => `/api/stage/videos/${videoId}`,
      s.organizer.token,
      badBodies({ title: 'Edited' }, fields(false), [
        ...badTags({ title: 'Edited' }),
        fixed('another asset', 'assetId', { assetId }),
      ]),
      FEW,
    );
    const routes: [string, string, string, unknown][] = [
      ['GET /api/stage/videos/{id}', 'GET', '', undefined],
      ['PATCH /api/stage/videos/{id}', 'PATCH', '', { title: 'Edited' }],
      ['DELETE /api/stage/videos/{id}', 'DELETE', '', undefined],
      ['POST /api/stage/videos/{id}/publish', 'POST', '/publish', undefined],
      ['POST /api/stage/videos/{id}/unpublish', 'POST', '/unpublish', undefined],
      ['GET /api/stage/videos/{id}/public', 'GET', '/public', undefined],
    ];
    for (const [route, , suffix, body] of routes) {
      await unknownIds(route, (id) => `/api/stage/videos/${id}${suffix}`, s.organizer.token, body, { numRuns: FEW });
    }
    await unknownIds(
      'GET /api/stage/channels/{id}',
      (id) => `/api/stage/channels/${id}`,
      s.organizer.token,
      undefined,
      {
        numRuns: FEW,
      },
    );
    await hammerQuery(
      'GET /api/stage/channels/{id}',
      `/api/stage/channels/${channelId}`,
      s.organizer.token,
      badQueries({ offset: '0', limit: '20' }, [
        { name: 'offset', kind: 'int', min: 0, max: 1_000_000 },
        { name: 'limit', kind: 'int', min: 1, max: 50 },
      ]),
      FEW,
    );
  });

  it('GET event sub-resources, orders, organizers and registrants with unknown ids', async () => {
    const organizerRoutes = ['registrations', 'registrations.csv', 'attendance/series', 'capacity', 'live', ''].map(
      (sub) => (sub ? `/${sub}` : ''),
    );
    for (const sub of organizerRoutes) {
      await unknownIds(`GET /api/events/{id}${sub}`, (id) => `/api/events/${id}${sub}`, s.organizer.token, undefined);
    }
    for (const sub of ['/attendance', '/attendance/attendees.csv', '/attendance/invoice.csv']) {
      await unknownIds(`GET /api/events/{id}${sub}`, (id) => `/api/events/${id}${sub}`, s.organizer.token, undefined, {
        numRuns: FEW,
      });
    }
    await unknownIds(
      'GET /api/events/{id}/registrations/{registrationId}',
      (id) => `/api/events/${eventId}/registrations/${id}`,
      s.organizer.token,
      undefined,
      { field: 'registrationId', numRuns: FEW },
    );
    await unknownIds('GET /api/orders/{id}', (id) => `/api/orders/${id}`, s.admin.token, undefined, { numRuns: FEW });
    await unknownIds('GET /api/organizers/{id}', (id) => `/api/organizers/${id}`, s.admin.token, undefined, {
      numRuns: FEW,
    });
  });

  it('chat moderation: hide/restore/approve/reject, bans, settings, messages ?after&limit&state, unknown ids', async () => {
    const chat = `/api/events/${eventId}/chat`;
    for (const action of ['hide', 'restore', 'approve', 'reject']) {
      const route = `POST /api/events/{id}/chat/messages/{messageId}/${action}`;
      await hammer(
        route,
        () => `${chat}/messages/1-0/${action}`,
        s.organizer.token,
        badBodies({ reason: 'spam' }, [{ path: 'reason', kind: 'string', min: 0, max: 500, required: false }]),
        FEW,
      );
      await unknownIds(route, (id) => `/api/events/${id}/chat/messages/1-0/${action}`, s.organizer.token, {});
      await unknownIds(
        route,
        (id) => `${chat}/messages/${id}/${action}`,
        s.organizer.token,
        {},
        { field: 'messageId' },
      );
    }
    await hammer(
      'POST /api/events/{id}/chat/bans',
      () => `${chat}/bans`,
      s.organizer.token,
      badBodies({ registrationId: randomUUID(), minutes: 5, reason: 'spam' }, [
        { path: 'registrationId', kind: 'uuid', required: true },
        { path: 'minutes', kind: 'int', min: 1, max: 1440, required: false },
        { path: 'reason', kind: 'string', min: 0, max: 500, required: false },
      ]),
      FEW,
    );
    await unknownIds('POST /api/events/{id}/chat/bans', (id) => `/api/events/${id}/chat/bans`, s.organizer.token, {
      registrationId: randomUUID(),
    });
    await unknownIds(
      'DELETE /api/events/{id}/chat/bans/{registrationId}',
      (id) => `${chat}/bans/${id}`,
      s.organizer.token,
      undefined,
      {
        field: 'registrationId',
      },
    );
    await unknownIds(
      'DELETE /api/events/{id}/chat/bans/{registrationId}',
      (id) => `/api/events/${id}/chat/bans/${randomUUID()}`,
      s.organizer.token,
      undefined,
    );
    await hammer(
      'PUT /api/events/{id}/chat/settings',
      () => `${chat}/settings`,
      s.organizer.token,
      badBodies({ slowModeSeconds: 10, paused: false }, [
        { path: 'slowModeSeconds', kind: 'int', min: 0, max: 300, required: true },
        { path: 'paused', kind: 'boolean', required: true },
        { path: 'linksAllowed', kind: 'boolean', required: false },
        { path: 'reason', kind: 'string', min: 0, max: 500, required: false },
      ]),
      FEW,
    );
    await hammerQuery(
      'GET /api/events/{id}/chat/messages',
      `${chat}/messages`,
      s.organizer.token,
      badQueries({ after: '1-0', limit: '50', state: 'held' }, [
        { name: 'after', kind: 'pattern', pattern: /^\d{1,20}-\d{1,20}$/ },
        { name: 'limit', kind: 'int', min: 1, max: 500 },
        { name: 'state', kind: 'enum', values: ['all', 'held'] },
      ]),
      FEW,
    );
    for (const sub of ['/chat/messages', '/chat/settings', '/chat/moderation']) {
      await unknownIds(`GET /api/events/{id}${sub}`, (id) => `/api/events/${id}${sub}`, s.organizer.token, undefined);
    }
    await unknownIds(
      'PUT /api/events/{id}/chat/settings',
      (id) => `/api/events/${id}/chat/settings`,
      s.organizer.token,
      {
        slowModeSeconds: 0,
        paused: false,
      },
    );
  });

  it('Q&A moderation: decisions, settings, the list ?sort, unknown ids', async () => {
    const qa = `/api/events/${eventId}/questions`;
    for (const op of ['approve', 'answer', 'answered-live', 'pin', 'unpin', 'dismiss', 'reopen']) {
      const route = 'POST /api/events/{id}/questions/{questionId}/{operation}';
      await hammer(
        route,
        () => `${qa}/1-0/${op}`,
        s.organizer.token,
        badBodies({ text: 'In March.' }, [{ path: 'text', kind: 'string', min: 1, max: 2000, required: false }]),
        FEW,
      );
      await unknownIds(route, (id) => `/api/events/${id}/questions/1-0/${op}`, s.organizer.token, {});
      await unknownIds(route, (id) => `${qa}/${id}/${op}`, s.organizer.token, {}, { field: 'questionId' });
    }
    await hammer(
      'PUT /api/events/{id}/questions/settings',
      () => `${qa}/settings`,
      s.organizer.token,
      badBodies({ approvalRequired: false }, [{ path: 'approvalRequired', kind: 'boolean', required: true }]),
      FEW,
    );
    await hammerQuery(
      'GET /api/events/{id}/questions',
      qa,
      s.organizer.token,
      badQueries({ sort: 'time' }, [{ name: 'sort', kind: 'enum', values: ['votes', 'time'] }]),
      FEW,
    );
    for (const sub of ['/questions', '/questions/settings', '/questions.csv', '/chat/transcript.csv']) {
      await unknownIds(`GET /api/events/{id}${sub}`, (id) => `/api/events/${id}${sub}`, s.organizer.token, undefined);
    }
    await unknownIds(
      'PUT /api/events/{id}/questions/settings',
      (id) => `/api/events/${id}/questions/settings`,
      s.organizer.token,
      {
        approvalRequired: true,
      },
    );
  });

  it('polls: create, edit, open, close, delete, list, unknown ids', async () => {
    const polls = `/api/events/${eventId}/polls`;
    const org = h.api(s.organizer.token);
    const valid = { question: 'Which day suits you?', options: ['Monday', 'Friday'], multiple: false, results: 'live' };
    const draft = (await org.post(polls, valid)).body.id as string;
    const optionCases = (base: Record<string, unknown>) =>
      [
        ['not an array', 'Monday'],
        ['one option', ['Monday']],
        ['eleven options', Array.from({ length: 11 }, (_, i) => `option ${i}`)],
        ['an empty option', ['Monday', '   ']],
        ['an option too long', ['Monday', 'x'.repeat(201)]],
        ['an option not a string', ['Monday', 3]],
        ['a null option', ['Monday', null]],
      ].map(([what, options]) => fixed(`options: ${String(what)}`, 'options', { ...base, options }));
    const fields = (required: boolean): FieldSpec[] => [
      { path: 'question', kind: 'string', min: 1, max: 300, required },
      { path: 'multiple', kind: 'boolean', required: false },
      { path: 'results', kind: 'enum', values: ['live', 'closed'], required: false },
    ];
    await hammer(
      'POST /api/events/{id}/polls',
      () => polls,
      s.organizer.token,
      badBodies(valid, fields(true), optionCases(valid)),
      FEW,
    );
    await hammer(
      'PATCH /api/events/{id}/polls/{pollId}',
      () => `${polls}/${draft}`,
      s.organizer.token,
      badBodies({ question: 'Which day?' }, fields(false), optionCases({ question: 'Which day?' })),
      FEW,
    );
    await unknownIds('POST /api/events/{id}/polls', (id) => `/api/events/${id}/polls`, s.organizer.token, valid);
    await unknownIds('GET /api/events/{id}/polls', (id) => `/api/events/${id}/polls`, s.organizer.token, undefined);
    for (const [route, suffix, body] of [
      ['PATCH /api/events/{id}/polls/{pollId}', '', { question: 'Which day?' }],
      ['DELETE /api/events/{id}/polls/{pollId}', '', undefined],
      ['POST /api/events/{id}/polls/{pollId}/open', '/open', {}],
      ['POST /api/events/{id}/polls/{pollId}/close', '/close', {}],
    ] as const) {
      await unknownIds(route, (id) => `/api/events/${id}/polls/${draft}${suffix}`, s.organizer.token, body);
      await unknownIds(route, (id) => `${polls}/${id}${suffix}`, s.organizer.token, body, { field: 'pollId' });
    }
  });

  it('Stage viewer accounts: sign-up, verify, sessions, password reset, their own account', async () => {
    const viewerEmail = { path: 'email', kind: 'email', max: 254, required: true } as const;
    const newPassword = { path: 'password', kind: 'string', min: 10, max: 200, required: true } as const;
    const signUp = {
      email: 'hedy@example.org',
      password: 'a long passphrase',
      displayName: 'Hedy',
      language: 'en',
      acceptHistoryTerms: true,
    };
    await hammer(
      'POST /api/stage/viewers',
      () => '/api/stage/viewers',
      undefined,
      badBodies(
        signUp,
        [
          viewerEmail,
          newPassword,
          { path: 'displayName', kind: 'string', min: 1, max: 100, required: true },
          { path: 'language', kind: 'enum', values: ['fr', 'en'], required: true },
          { path: 'acceptHistoryTerms', kind: 'boolean', required: true },
          { path: 'shareNameWithCreators', kind: 'boolean', required: false },
        ],
        [fixed('history terms refused', 'acceptHistoryTerms', { ...signUp, acceptHistoryTerms: false })],
      ),
      FEW,
    );
    const token = { path: 'token', kind: 'string', min: 1, max: 200, required: true } as const;
    await hammer(
      'POST /api/stage/viewers/verify',
      () => '/api/stage/viewers/verify',
      undefined,
      badBodies({ token: 'x' }, [token], [fixed('unknown token', 'token', { token: 'no-such-token' })]),
      FEW,
    );
    await hammer(
      'POST /api/stage/sessions',
      () => '/api/stage/sessions',
      undefined,
      badBodies({ email: 'hedy@example.org', password: 'whatever' }, [
        viewerEmail,
        { path: 'password', kind: 'string', min: 1, max: 200, required: true },
      ]),
      FEW,
    );
    await hammer(
      'POST /api/stage/viewers/password-reset',
      () => '/api/stage/viewers/password-reset',
      undefined,
      badBodies({ email: 'hedy@example.org' }, [viewerEmail]),
      FEW,
    );
    await hammer(
      'POST /api/stage/viewers/password',
      () => '/api/stage/viewers/password',
      undefined,
      badBodies(
        { token: 'x', password: 'a long passphrase' },
        [token, newPassword],
        [fixed('unknown token', 'token', { token: 'no-such-token', password: 'a long passphrase' })],
      ),
      FEW,
    );
    const viewerId = randomUUID();
    await h.db.query(
      "INSERT INTO viewers (id, email, password_hash, display_name, verified_at) VALUES ($1, $2, 'x', 'V', now())",
      [viewerId, `${viewerId}@example.org`],
    );
    const viewer = signViewerToken({ viewerId, tokenVersion: 0 }, h.config.JWT_SECRET, 3_600_000);
    await hammer(
      'PATCH /api/stage/me',
      () => '/api/stage/me',
      viewer,
      badBodies({ displayName: 'Hedy' }, [
        { path: 'displayName', kind: 'string', min: 1, max: 100, required: false },
        { path: 'language', kind: 'enum', values: ['fr', 'en'], required: false },
        { path: 'shareNameWithCreators', kind: 'boolean', required: false },
        { path: 'historyPaused', kind: 'boolean', required: false },
      ]),
      FEW,
    );
    await hammer(
      'DELETE /api/stage/me',
      () => '/api/stage/me',
      viewer,
      badBodies({ password: 'whatever' }, [{ path: 'password', kind: 'string', min: 1, max: 200, required: true }]),
      FEW,
    );
  });

  it('Stage viewing: search ?q&page, progress, playback, resume, history ?limit&offset, unknown ids', async () => {
    await hammerQuery(
      'GET /api/stage/search',
      '/api/stage/search',
      '',
      badQueries({ q: 'keynote', page: '1' }, [
        { name: 'q', kind: 'string', max: 200 },
        { name: 'page', kind: 'int', min: 1, max: 500 },
      ]),
      FEW,
    );
    const viewerId = randomUUID();
    await h.db.query(
      "INSERT INTO viewers (id, email, password_hash, display_name, verified_at) VALUES ($1, $2, 'x', 'V', now())",
      [viewerId, `${viewerId}@example.org`],
    );
    const viewer = signViewerToken({ viewerId, tokenVersion: 0 }, h.config.JWT_SECRET, 3_600_000);
    const seconds = (path: string, min: number) =>
      ({ path, kind: 'number', min, max: 43_200, required: true }) as const;
    const progress = { positionSeconds: 12, durationSeconds: 60, playedSeconds: 12 };
    // the body is checked before the video is looked up: an id that names nothing is enough here
    await hammer(
      'POST /api/stage/videos/{id}/progress',
      () => `/api/stage/videos/${randomUUID()}/progress`,
      viewer,
      badBodies(progress, [
        seconds('positionSeconds', 0),
        seconds('durationSeconds', Number.MIN_VALUE),
        seconds('playedSeconds', 0),
      ]),
      FEW,
    );
    await unknownIds(
      'POST /api/stage/videos/{id}/progress',
      (id) => `/api/stage/videos/${id}/progress`,
      viewer,
      progress,
    );
    await unknownIds(
      'POST /api/stage/videos/{id}/playback',
      (id) => `/api/stage/videos/${id}/playback`,
      viewer,
      undefined,
    );
    await unknownIds('GET /api/stage/videos/{id}/resume', (id) => `/api/stage/videos/${id}/resume`, viewer, undefined);
    await unknownIds(
      'DELETE /api/stage/me/history/{videoId}',
      (id) => `/api/stage/me/history/${id}`,
      viewer,
      undefined,
      { field: 'videoId' },
    );
    await hammerQuery(
      'GET /api/stage/me/history',
      '/api/stage/me/history',
      viewer,
      badQueries({ limit: '20', offset: '0' }, [
        { name: 'limit', kind: 'int', min: 1, max: 50 },
        { name: 'offset', kind: 'int', min: 0, max: 1_000_000 },
      ]),
      FEW,
    );
  });

  it('every write route and every route with parameters of the OpenAPI document is hammered or excluded', async () => {
    const doc = (await h.api().get('/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: { in: string }[] }>>;
    };
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path}`;
        const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase());
        const takesInput = (op.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query');
        if ((writes || takesInput) && !tried.has(route) && !(route in NOT_HAMMERED)) missing.push(route);
      }
    }
    assert.deepEqual(missing, [], 'hammer these routes above, or list them in NOT_HAMMERED with the reason');
    for (const route of Object.keys(NOT_HAMMERED)) {
      const [method, path] = route.split(' ');
      assert.ok(doc.paths[path]?.[method.toLowerCase()], `NOT_HAMMERED lists ${route}, which no longer exists`);
    }
    assert.equal(fiveHundreds, 0, 'bad inputs answered with a 500');
  });
});
