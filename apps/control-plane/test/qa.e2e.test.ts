import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { QaAskAnswer, QaQuestion, QaUpvoteAnswer } from '#contracts';
import { Attendee, AdmissionCluster, startAdmissionCluster } from '#test-support/admission-cluster';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { eventually } from '#test-support/eventually';
import { EventsService } from '../src/events/events.service';

// Live Q&A end to end: attendees' sockets on 2 admission nodes, the organizer's REST calls on the control plane,
// and what the control plane's consumer stored in PostgreSQL.
describe('live Q&A (control plane + 2 admission nodes)', () => {
  let h: ControlPlaneHarness;
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];

  before(async () => {
    h = await startControlPlane();
    cluster = await startAdmissionCluster(
      'qa',
      { JOIN_TOKEN_SECRET: h.config.JOIN_TOKEN_SECRET, PLAYBACK_TOKEN_SECRET: h.config.PLAYBACK_TOKEN_SECRET },
      2,
      h.config.REDIS_PREFIX,
    );
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster?.close();
    await h?.close();
  });

  const ask = (a: Attendee, text: string, anonymous = false) =>
    new Promise<QaAskAnswer>((r) => a.socket.emit('qa:ask', { text, anonymous }, r));
  const upvote = (a: Attendee, id: string) => new Promise<QaUpvoteAnswer>((r) => a.socket.emit('qa:upvote', { id }, r));

  /** A live event of a new customer with these registrants, and a way to seat them on a node. */
  const liveEventWith = async (names: string[]) => {
    const customer: SeededCustomer = await h.seed();
    const org = h.api(customer.organizer.token);
    const created = await org.post('/api/events', {
      title: 'Q&A live',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    await h.controlPlane.app.get(EventsService).markLive(eventId);
    const registrants: { id: string; joinToken: string }[] = [];
    for (const name of names) {
      const r = await org.post(`/api/events/${eventId}/registrations`, {
        name,
        email: `${name.toLowerCase()}@example.org`,
        sendInvitation: false,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      registrants.push(r.body);
    }
    const seat = async (i: number, node: number, deviceId = 'laptop') => {
      const a = new Attendee(cluster.nodes[node].url, { token: registrants[i].joinToken, eventId, deviceId });
      attendees.push(a);
      assert.equal((await a.decision).status, 'admitted');
      return a;
    };
    return { customer, org, eventId, registrants, seat };
  };

  const stored = (eventId: string) =>
    h.db.query<{ id: string; status: string; anonymous: boolean; answer: string | null; votes: string }>(
      `SELECT q.id, q.status, q.anonymous, q.answer,
              (SELECT count(*) FROM qa_votes v WHERE v.event_id = q.event_id AND v.question_id = q.id) AS votes
       FROM qa_questions q WHERE q.event_id = $1 ORDER BY q.id`,
      [eventId],
    );

  it('carries a question across nodes; one upvote per registrant across devices; PostgreSQL counts the same', async () => {
    const { eventId, seat } = await liveEventWith(['Ada', 'Bob', 'Cy']);
    const ada = await seat(0, 0);
    const bobLaptop = await seat(1, 1);
    const bobPhone = await seat(1, 0, 'phone');
    const cy = await seat(2, 1);

    const asked = await ask(ada, 'Will the slides be shared?');
    assert.ok(asked.ok, JSON.stringify(asked));
    const q = asked.question;
    assert.deepEqual([q.author, q.status, q.votes, q.mine], [{ name: 'Ada' }, 'open', 0, true]);
    const seen = await cy.next<QaQuestion>('qa:question', (x) => x.id === q.id);
    assert.equal(seen.text, 'Will the slides be shared?');
    assert.equal('mine' in seen, false);

    assert.deepEqual(await upvote(bobLaptop, q.id), { ok: true, id: q.id, votes: 1 });
    const twice = await upvote(bobPhone, q.id);
    assert.equal(twice.ok === false && twice.reason, 'already-voted');
    assert.match(twice.ok === false ? twice.message : '', /already upvoted/);
    const own = await upvote(ada, q.id);
    assert.equal(own.ok === false && own.reason, 'own-question');
    assert.deepEqual(await upvote(cy, q.id), { ok: true, id: q.id, votes: 2 });
    const unknown = await upvote(cy, '1-1');
    assert.equal(unknown.ok === false && unknown.reason, 'unknown-question');
    await ada.next<QaQuestion>('qa:question', (x) => x.id === q.id && x.votes === 2);

    const rows = await eventually(async () => {
      const r = await stored(eventId);
      assert.equal(r.length, 1);
      assert.equal(Number(r[0].votes), 2);
      return r;
    });
    assert.deepEqual(rows[0].id, q.id);
    // a later joiner's board shows the count and their own vote
    const bobAgain = await seat(1, 1, 'tablet');
    const board = await bobAgain.next<{ questions: QaQuestion[] }>('qa:board');
    assert.deepEqual(
      board.questions.map((x) => [x.id, x.votes, x.voted, x.mine]),
      [[q.id, 2, true, false]],
    );
  });

  it('keeps an anonymous name from attendees, not from the organizer', async () => {
    const { org, eventId, seat, registrants } = await liveEventWith(['Dee', 'Eve']);
    const dee = await seat(0, 0);
    const eve = await seat(1, 1);
    const asked = await ask(dee, 'Is the budget cut?', true);
    assert.ok(asked.ok);
    const seen = await eve.next<QaQuestion>('qa:question', (x) => x.id === asked.question.id);
    assert.equal(seen.author, null);
    const list = await org.get(`/api/events/${eventId}/questions`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(
      list.body.map((x: { author: { name: string; registrationId: string }; anonymous: boolean }) => [
        x.author.name,
        x.author.registrationId,
        x.anonymous,
      ]),
      [['Dee', registrants[0].id, true]],
    );
  });

  it('holds questions for approval when asked, then moderators answer, pin and dismiss; every node hears it', async () => {
    const { org, eventId, seat } = await liveEventWith(['Fay', 'Gus', 'Hal']);
    const approval = await org.request('PUT', `/api/events/${eventId}/questions/settings`, { approvalRequired: true });
    assert.deepEqual(approval.body, { eventId, approvalRequired: true });
    const fay = await seat(0, 0);
    const gus = await seat(1, 1);

    const asked = await ask(fay, 'When is the next release?');
    assert.ok(asked.ok);
    const id = asked.question.id;
    assert.equal(asked.question.status, 'pending');
    // pending: not on the others' board, on the author's own
    const hal = await seat(2, 0);
    assert.deepEqual((await hal.next<{ questions: QaQuestion[] }>('qa:board')).questions, []);
    const fayPhone = await seat(0, 1, 'phone');
    const own = await fayPhone.next<{ questions: QaQuestion[] }>('qa:board');
    assert.deepEqual(
      own.questions.map((x) => [x.id, x.status, x.mine]),
      [[id, 'pending', true]],
    );
    const early = await upvote(gus, id);
    assert.equal(early.ok === false && early.reason, 'unknown-question');
    assert.equal(
      gus.received.some((r) => r.event === 'qa:question'),
      false,
    );

    const path = `/api/events/${eventId}/questions/${id}`;
    const approved = await org.post(`${path}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'open');
    await gus.next<QaQuestion>('qa:question', (x) => x.id === id && x.status === 'open');
    assert.equal((await org.post(`${path}/approve`, {})).status, 409);

    const noText = await org.post(`${path}/answer`, {});
    assert.equal(noText.status, 400, JSON.stringify(noText.body));
    const answered = await org.post(`${path}/answer`, { text: 'In March, with the new player.' });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    for (const a of [fay, gus, hal]) {
      const m = await a.next<QaQuestion>('qa:question', (x) => x.id === id && x.status === 'answered');
      assert.equal(m.answer, 'In March, with the new player.');
    }
    assert.equal((await org.post(`${path}/pin`, {})).body.pinned, true);
    await hal.next<QaQuestion>('qa:question', (x) => x.id === id && x.pinned);
    const dismissed = await org.post(`${path}/dismiss`, {});
    assert.deepEqual([dismissed.body.status, dismissed.body.pinned], ['dismissed', false]);
    await gus.next<QaQuestion>('qa:question', (x) => x.id === id && x.status === 'dismissed');
    const late = await seat(1, 0, 'phone');
    assert.deepEqual((await late.next<{ questions: QaQuestion[] }>('qa:board')).questions, []);
    assert.equal((await org.post(`${path}/shout`, {})).status, 404);

    const row = await eventually(async () => {
      const r = await stored(eventId);
      assert.equal(r[0]?.status, 'dismissed');
      return r[0];
    });
    assert.equal(row.answer, 'In March, with the new player.');
    const log = await org.get(`/api/events/${eventId}/chat/moderation`);
    assert.deepEqual(
      (log.body as { action: string; details: { op?: string } }[]).map((a) => [a.action, a.details.op ?? null]),
      [
        ['question', 'dismiss'],
        ['question', 'pin'],
        ['question', 'answer'],
        ['question', 'approve'],
        ['settings', null],
      ],
    );
  });

  it("answers 404 to another account's organizer on every route, and refuses an empty question", async () => {
    const { eventId, seat } = await liveEventWith(['Ivy']);
    const ivy = await seat(0, 0);
    const asked = await ask(ivy, 'Hello?');
    assert.ok(asked.ok);
    const other = h.api((await h.seed()).organizer.token);
    for (const r of [
      await other.get(`/api/events/${eventId}/questions`),
      await other.post(`/api/events/${eventId}/questions/${asked.question.id}/dismiss`, {}),
      await other.request('PUT', `/api/events/${eventId}/questions/settings`, { approvalRequired: true }),
    ]) {
      assert.equal(r.status, 404, JSON.stringify(r.body));
    }
    const empty = await ask(ivy, '   ');
    assert.equal(empty.ok === false && empty.reason, 'empty');
  });

  it('exports the questions and the chat transcript as CSV, formulas defused, anonymous names kept for the organizer', async () => {
    const { customer, eventId, seat, registrants } = await liveEventWith(['Jo', 'Kim']);
    const jo = await seat(0, 0);
    const asked = await ask(jo, '=HYPERLINK("http://example.org","x"), really?', true);
    assert.ok(asked.ok, JSON.stringify(asked));
    const sent = await new Promise<{ ok: boolean; id?: string }>((r) =>
      jo.socket.emit('chat:send', { text: '@SUM(1) hello, all' }, r),
    );
    assert.ok(sent.ok);
    const lines = async (path: string, rows: number) =>
      eventually(async () => {
        const r = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${customer.organizer.token}` } });
        assert.equal(r.status, 200);
        assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
        const text = await r.text();
        const all = text.trimEnd().split('\r\n');
        assert.equal(all.length, rows + 1, text);
        return all;
      });
    const questions = await lines(`/api/events/${eventId}/questions.csv`, 1);
    assert.equal(
      questions[0],
      'asked_at,question_id,registrant_id,name,anonymous,question,status,votes,answer,answered_live,pinned',
    );
    assert.match(
      questions[1],
      new RegExp(
        `^[^,]+,${asked.question.id},${registrants[0].id},Jo,true,"'=HYPERLINK\\(""http://example.org"",""x""\\), really\\?",open,0,,false,false$`,
      ),
    );
    const chat = await lines(`/api/events/${eventId}/chat/transcript.csv`, 1);
    assert.equal(chat[0], 'sent_at,message_id,registrant_id,name,text,hidden,held_for_review');
    assert.match(chat[1], new RegExp(`,${sent.id},${registrants[0].id},Jo,"'@SUM\\(1\\) hello, all",false,false$`));
    const other = h.api((await h.seed()).organizer.token);
    for (const path of ['questions.csv', 'chat/transcript.csv']) {
      assert.equal((await other.get(`/api/events/${eventId}/${path}`)).status, 404);
    }
  });
});
