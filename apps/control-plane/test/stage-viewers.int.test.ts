import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { CaughtMail, mailsTo } from './support/mail-outbox';

// A Stage viewer signs up, reads the verification mail from the SMTP catcher the harness runs, follows its link,
// signs in and manages their account, all over HTTP against a real control plane, PostgreSQL and Redis.

const BASE_URL = 'https://stage.example.com';
const PASSWORD = 'correct horse battery';
// per address and e-mail: the sixth wrong password in a window is refused with 429
const LOGIN_RATE_LIMIT = 5;
// per client address whatever the e-mail
const LOGIN_ADDRESS_LIMIT = 20;

/** The token of the first link to `path` in a mail (it travels in the fragment: #token=...). */
function linkToken(mail: CaughtMail, path: string): string {
  const m = new RegExp(`${BASE_URL}${path}#token=([\\w%-]+)`).exec(mail.text);
  assert.ok(m, `a ${path} link in: ${mail.text}`);
  return decodeURIComponent(m[1]);
}

describe('Stage viewer accounts', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let outbox: string;

  before(async () => {
    h = await startControlPlane({
      PUBLIC_BASE_URL: `${BASE_URL}/`,
      TRUST_PROXY: 'loopback',
      LOGIN_RATE_LIMIT,
      LOGIN_ADDRESS_LIMIT,
      REGISTRATION_IP_LIMIT: 1000,
    });
    s = await h.seed();
    outbox = h.mailCatcher!.dir;
  });
  after(() => h?.close());

  const newAddress = () => `hedy.lamarr.${randomBytes(4).toString('hex')}@example.org`;
  const signUpBody = (email: string, extra: Record<string, unknown> = {}) => ({
    email,
    password: PASSWORD,
    displayName: 'Hedy Lamarr',
    language: 'en',
    acceptHistoryTerms: true,
    ...extra,
  });
  // each call from an address of its own unless told, so only the rate-limit tests meet the per-address limit
  let clients = 0;
  const nextClient = () => `203.0.113.${++clients}`;
  const signIn = (email: string, password = PASSWORD, from = nextClient()) =>
    h.api().request('POST', '/api/stage/sessions', { email, password }, { headers: { 'x-forwarded-for': from } });
  const deleteMe = (token: string, body: unknown, from = nextClient()) =>
    h.api(token).request('DELETE', '/api/stage/me', body, { headers: { 'x-forwarded-for': from } });

  /** Signs a new viewer up, verifies the address from the mail and signs in: their token. */
  async function verifiedViewer(extra: Record<string, unknown> = {}): Promise<{ email: string; token: string }> {
    const email = newAddress();
    assert.equal((await h.api().post('/api/stage/viewers', signUpBody(email, extra))).status, 202);
    const [mail] = await mailsTo(outbox, email, 1);
    const verified = await h.api().post('/api/stage/viewers/verify', { token: linkToken(mail, '/stage/verify') });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    const session = await signIn(email);
    assert.equal(session.status, 200, JSON.stringify(session.body));
    return { email, token: session.body.accessToken as string };
  }

  it('signs up, verifies the address from the mail, signs in and reads their account', async () => {
    const email = newAddress();
    const r = await h.api().post('/api/stage/viewers', signUpBody(email, { shareNameWithCreators: true }));
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(r.body, { status: 'check-your-inbox', email });

    const [mail] = await mailsTo(outbox, email, 1);
    assert.equal(mail.subject, 'Confirm your e-mail address for Stage');
    assert.match(mail.text, /^Hello Hedy Lamarr,/);
    const token = linkToken(mail, '/stage/verify');
    assert.ok(!JSON.stringify(r.body).includes(token), 'the answer holds no link');
    const stored = await h.db.query<{ token_hash: string }>(
      "SELECT t.token_hash FROM viewer_mail_tokens t JOIN viewers v ON v.id = t.viewer_id WHERE v.email = $1 AND t.purpose = 'verify'",
      [email],
    );
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].token_hash, token, 'the database keeps a hash, not the token');

    assert.deepEqual((await h.api().post('/api/stage/viewers/verify', { token })).body, { status: 'verified' });
    const again = await h.api().post('/api/stage/viewers/verify', { token });
    assert.equal(again.status, 400, 'a link works once');
    assert.match(again.body.message, /used already or expired/);

    const session = await signIn(email.toUpperCase());
    assert.equal(session.status, 200, JSON.stringify(session.body));
    assert.equal(session.body.tokenType, 'Bearer');
    const me = await h.api(session.body.accessToken).get('/api/stage/me');
    assert.equal(me.status, 200);
    assert.deepEqual(
      { ...me.body, id: undefined, createdAt: undefined },
      {
        id: undefined,
        createdAt: undefined,
        email,
        displayName: 'Hedy Lamarr',
        language: 'en',
        shareNameWithCreators: true,
        historyPaused: false,
      },
    );
    assert.deepEqual(session.body.viewer, me.body);
  });

  it('answers a taken address with the same 202 and mails its owner, in their language, to reset instead', async () => {
    const email = newAddress();
    const first = await h.api().post('/api/stage/viewers', signUpBody(email, { language: 'fr' }));
    const second = await h.api().post('/api/stage/viewers', signUpBody(email, { password: 'another password!' }));
    assert.equal(second.status, first.status);
    assert.deepEqual(second.body, first.body);
    const upper = await h.api().post('/api/stage/viewers', signUpBody(email.toUpperCase(), { displayName: 'Someone' }));
    assert.deepEqual(upper.body, first.body, 'the address in capitals is the same address');

    const [verification, taken, takenAgain] = await mailsTo(outbox, email, 3);
    assert.equal(verification.subject, 'Confirmez votre adresse e-mail pour Stage');
    assert.equal(taken.subject, 'Vous avez déjà un compte Stage');
    assert.equal(takenAgain.subject, 'Vous avez déjà un compte Stage');
    assert.ok(taken.text.includes(`${BASE_URL}/stage/password-reset`), taken.text);
    const rows = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM viewers WHERE lower(email) = $1', [
      email,
    ]);
    assert.equal(rows[0].n, 1, 'one account for the address');
  });

  it('refuses to sign in an unverified account with a clear sentence, and mails a new link', async () => {
    const email = newAddress();
    await h.api().post('/api/stage/viewers', signUpBody(email));
    const [first] = await mailsTo(outbox, email, 1);
    const r = await signIn(email);
    assert.equal(r.status, 403);
    assert.equal(r.body.field, 'email');
    assert.match(r.body.message, /^confirm your e-mail address first: follow the link we mailed to /);

    const [, resent] = await mailsTo(outbox, email, 2);
    assert.equal(resent.subject, 'Confirm your e-mail address for Stage');
    const stale = await h.api().post('/api/stage/viewers/verify', { token: linkToken(first, '/stage/verify') });
    assert.equal(stale.status, 400, 'a new link replaces the old one');
    assert.equal(
      (await h.api().post('/api/stage/viewers/verify', { token: linkToken(resent, '/stage/verify') })).status,
      200,
    );
    assert.equal((await signIn(email)).status, 200);

    assert.equal((await signIn(email, 'a wrong password')).status, 401, 'a wrong password says nothing more');
  });

  it('resets a password once with the mailed link; the old password and old tokens stop working', async () => {
    const { email, token: oldToken } = await verifiedViewer();
    const r = await h.api().post('/api/stage/viewers/password-reset', { email });
    assert.equal(r.status, 202);
    const unknown = await h.api().post('/api/stage/viewers/password-reset', { email: newAddress() });
    assert.equal(unknown.status, 202, 'the same answer for an address without an account');
    assert.deepEqual(Object.keys(unknown.body), Object.keys(r.body));

    const [, mail] = await mailsTo(outbox, email, 2);
    assert.equal(mail.subject, 'Choose a new Stage password');
    const reset = linkToken(mail, '/stage/password');

    const short = await h.api().post('/api/stage/viewers/password', { token: reset, password: 'short' });
    assert.equal(short.status, 400);
    assert.equal(short.body.field, 'password');
    assert.match(short.body.message, /at least 10 characters/);

    const newPassword = 'a brand new passphrase';
    const changed = await h.api().post('/api/stage/viewers/password', { token: reset, password: newPassword });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const reused = await h.api().post('/api/stage/viewers/password', { token: reset, password: 'yet another one!' });
    assert.equal(reused.status, 400, 'the link works once');
    assert.equal(reused.body.field, 'token');

    assert.equal((await signIn(email)).status, 401, 'the old password is refused');
    assert.equal((await signIn(email, 'yet another one!')).status, 401, 'the reused link changed nothing');
    assert.equal((await signIn(email, newPassword)).status, 200);
    assert.equal((await h.api(oldToken).get('/api/stage/me')).status, 401, 'tokens from before are revoked');
  });

  it('refuses an expired reset link', async () => {
    const { email } = await verifiedViewer();
    await h.api().post('/api/stage/viewers/password-reset', { email });
    const [, mail] = await mailsTo(outbox, email, 2);
    // an hour has passed
    await h.db.query(
      "UPDATE viewer_mail_tokens SET expires_at = now() - interval '1 second' WHERE viewer_id = (SELECT id FROM viewers WHERE email = $1)",
      [email],
    );
    const r = await h.api().post('/api/stage/viewers/password', {
      token: linkToken(mail, '/stage/password'),
      password: 'a brand new passphrase',
    });
    assert.equal(r.status, 400);
    assert.match(r.body.message, /expired/);
  });

  it('keeps viewer and organizer tokens apart, both ways', async () => {
    const { token } = await verifiedViewer();
    const onOrganizerRoutes = [await h.api(token).get('/api/auth/me'), await h.api(token).get('/api/events')];
    for (const r of onOrganizerRoutes) {
      assert.equal(r.status, 401, JSON.stringify(r.body));
      assert.match(r.body.message, /invalid, expired or revoked/);
    }
    for (const r of [
      await h.api(s.organizer.token).get('/api/stage/me'),
      await h.api(s.admin.token).patch('/api/stage/me', { displayName: 'Mallory' }),
    ]) {
      assert.equal(r.status, 401, JSON.stringify(r.body));
      assert.match(r.body.message, /organizer's access token; Stage's viewer endpoints take a viewer token/);
    }
    const anonymous = await h.api().get('/api/stage/me');
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.body.message, /sign in to Stage first/);
  });

  it('limits sign-in per address and e-mail and per client address with 429', async () => {
    const { email } = await verifiedViewer();
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_RATE_LIMIT; i++) {
      statuses.push((await signIn(email, `guess ${i}`, '198.51.100.1')).status);
    }
    assert.deepEqual(statuses, [...Array<number>(LOGIN_RATE_LIMIT).fill(401), 429]);
    const limited = await signIn(email, PASSWORD, '198.51.100.1');
    assert.equal(limited.status, 429, 'even the right password waits');
    assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal((await signIn(email, PASSWORD, '198.51.100.2')).status, 200, 'another address is not limited');

    const spray: number[] = [];
    for (let i = 0; i <= LOGIN_ADDRESS_LIMIT; i++) {
      spray.push((await signIn(newAddress(), 'guess', '198.51.100.3')).status);
    }
    assert.deepEqual(spray, [...Array<number>(LOGIN_ADDRESS_LIMIT).fill(401), 429]);
  });

  it('changes their settings, and refuses bad ones with a clear 400', async () => {
    const { token } = await verifiedViewer();
    const r = await h.api(token).patch('/api/stage/me', {
      displayName: '  Hedy K. Lamarr ',
      language: 'fr',
      shareNameWithCreators: true,
      historyPaused: true,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      [r.body.displayName, r.body.language, r.body.shareNameWithCreators, r.body.historyPaused],
      ['Hedy K. Lamarr', 'fr', true, true],
    );
    assert.deepEqual((await h.api(token).get('/api/stage/me')).body, r.body);
    for (const [body, field] of [
      [{ language: 'de' }, 'language'],
      [{ displayName: '' }, 'displayName'],
      [{ historyPaused: 'yes' }, 'historyPaused'],
      [{ email: 'new@example.org' }, 'email'],
    ] as const) {
      const bad = await h.api(token).patch('/api/stage/me', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.field, field, JSON.stringify(bad.body));
    }
  });

  it('refuses a sign-up without the history terms or with a short password', async () => {
    const terms = await h.api().post('/api/stage/viewers', signUpBody(newAddress(), { acceptHistoryTerms: false }));
    assert.equal(terms.status, 400);
    assert.equal(terms.body.field, 'acceptHistoryTerms');
    assert.match(terms.body.message, /must be true/);
    const short = await h.api().post('/api/stage/viewers', signUpBody(newAddress(), { password: 'nine char' }));
    assert.equal(short.status, 400);
    assert.equal(short.body.field, 'password');
  });

  it('limits password guesses through the delete confirmation like sign-in', async () => {
    const { token } = await verifiedViewer();
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_RATE_LIMIT; i++) {
      statuses.push((await deleteMe(token, { password: `guess ${i}` }, '198.51.100.9')).status);
    }
    assert.deepEqual(statuses, [...Array<number>(LOGIN_RATE_LIMIT).fill(403), 429]);
    assert.equal((await h.api(token).get('/api/stage/me')).status, 200, 'the account is still there');
  });

  it('deletes the account after the password confirms it, with its watch history', async () => {
    const { email, token } = await verifiedViewer();
    const viewerId = (await h.api(token).get('/api/stage/me')).body.id as string;
    const channelId = randomUUID();
    const videoId = randomUUID();
    await h.db.query('INSERT INTO stage_channels (id, account_id, name) VALUES ($1, $2, $3)', [
      channelId,
      s.accountId,
      'Channel',
    ]);
    await h.db.query("INSERT INTO stage_videos (id, channel_id, title, language) VALUES ($1, $2, 'Film', 'en')", [
      videoId,
      channelId,
    ]);
    await h.db.query('INSERT INTO stage_watch (viewer_id, video_id, position_seconds) VALUES ($1, $2, 42)', [
      viewerId,
      videoId,
    ]);

    const wrong = await deleteMe(token, { password: 'not my password' });
    assert.equal(wrong.status, 403);
    assert.match(wrong.body.message, /password is wrong; the account was not deleted/);
    const missing = await deleteMe(token, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'password');

    const deleted = await deleteMe(token, { password: PASSWORD });
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.deepEqual(await h.db.query('SELECT id FROM viewers WHERE id = $1', [viewerId]), []);
    assert.deepEqual(await h.db.query('SELECT video_id FROM stage_watch WHERE viewer_id = $1', [viewerId]), []);
    assert.equal((await h.db.query('SELECT id FROM stage_videos WHERE id = $1', [videoId])).length, 1);
    assert.equal((await h.api(token).get('/api/stage/me')).status, 401, 'the token opens nothing any more');
    assert.equal((await signIn(email)).status, 401);
  });
});
