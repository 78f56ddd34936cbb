import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LivePoll, PollResults, PollVoteAnswer } from '#contracts';
import { Attendee, AdmissionCluster, startAdmissionCluster } from '#test-support/admission-cluster';
import {
  ControlPlaneHarness,
  SeedOptions,
  SeededCustomer,
  startControlPlane,
} from '#test-support/control-plane-harness';
import { eventually } from '#test-support/eventually';
import { EventsService } from '../src/events/events.service';

// Live polls end to end: attendees' sockets on 2 admission nodes, the organizer's REST calls on the control plane,
// and the votes the control plane's consumer stored in PostgreSQL.
describe('live polls (control plane + 2 admission nodes)', () => {
  let h: ControlPlaneHarness;
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];

  before(async () => {
    h = await startControlPlane();
    cluster = await startAdmissionCluster(
      'polls',
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

  const vote = (a: Attendee, pollId: string, choices: unknown) =>
    new Promise<PollVoteAnswer>((r) => a.socket.emit('poll:vote', { pollId, choices } as never, r));
  const reason = (v: PollVoteAnswer) => (v.ok ? 'ok' : v.reason);
  const resultsOf = (a: Attendee, pollId: string) =>
    a.received.filter((r) => r.event === 'poll:results' && (r.payload as PollResults).pollId === pollId);

  /** A live event of a new customer with these registrants, and a way to seat them on a node. */
  const liveEventWith = async (names: string[], seedOptions: SeedOptions = {}) => {
    const customer: SeededCustomer = await h.seed(seedOptions);
    const org = h.api(customer.organizer.token);
    const created = await org.post('/api/events', {
      title: 'Polls live',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
      ...(seedOptions.attendeeLimit ? { attendeeLimit: seedOptions.attendeeLimit } : {}),
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
    const poll = async (body: Record<string, unknown>) => {
      const r = await org.post(`/api/events/${eventId}/polls`, body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.state, 'draft');
      const opened = await org.post(`/api/events/${eventId}/polls/${r.body.id}/open`, {});
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      return r.body.id as string;
    };
    return { org, eventId, registrants, seat, poll };
  };

  /** Stored votes per option of a poll, from PostgreSQL. */
  const storedCounts = async (pollId: string, options: number) => {
    const rows = await h.db.query<{ i: number; n: string }>(
      `SELECT u.i, count(*) AS n FROM poll_votes v, unnest(v.choices) AS u(i) WHERE v.poll_id = $1 GROUP BY u.i`,
      [pollId],
    );
    return Array.from({ length: options }, (_, i) => Number(rows.find((r) => Number(r.i) === i)?.n ?? 0));
  };

  it('takes one final vote per registrant across devices and nodes; closed counts match PostgreSQL and GET', async () => {
    const { org, eventId, seat, poll } = await liveEventWith(['Ada', 'Bob', 'Cy']);
    const ada = await seat(0, 0);
    const adaPhone = await seat(0, 1, 'phone');
    const bob = await seat(1, 1);
    const cy = await seat(2, 0);
    const single = await poll({ question: 'Which day suits you?', options: ['Monday', 'Tuesday', 'Friday'] });
    const opened = await bob.next<LivePoll>('poll:opened', (p) => p.id === single);
    assert.deepEqual(
      [opened.question, opened.options, opened.multiple],
      ['Which day suits you?', ['Monday', 'Tuesday', 'Friday'], false],
    );

    assert.deepEqual(await vote(ada, single, [1]), { ok: true });
    const twice = await vote(adaPhone, single, [2]);
    assert.equal(reason(twice), 'already-voted');
    assert.match(twice.ok ? '' : twice.message, /already voted/);
    assert.equal(reason(await vote(bob, single, [0, 1])), 'bad-choices');
    assert.equal(reason(await vote(bob, single, [3])), 'bad-choices');
    assert.deepEqual(await vote(bob, single, [1]), { ok: true });
    assert.equal(reason(await vote(cy, '6f1c1b9e-3d1f-4c4e-9a59-2f1d3c8b7a10', [0])), 'unknown-poll');
    await cy.next<PollResults>('poll:results', (r) => r.pollId === single && r.voters === 2);

    // a later joiner sees the open poll, that it voted (on another device), and the counts
    const adaTablet = await seat(0, 1, 'tablet');
    const board = await adaTablet.next<{ polls: LivePoll[]; results: PollResults[] }>('poll:board');
    assert.deepEqual(
      board.polls.map((p) => [p.id, p.voted]),
      [[single, true]],
    );
    assert.deepEqual(board.results.find((r) => r.pollId === single)?.counts, [0, 2, 0]);

    const closed = await org.post(`/api/events/${eventId}/polls/${single}/close`, {});
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal(closed.body.state, 'closed');
    const told = await cy.next<{ poll: LivePoll; results: PollResults }>('poll:closed', (c) => c.poll.id === single);
    assert.deepEqual([told.results.counts, told.results.voters], [[0, 2, 0], 2]);
    assert.equal(reason(await vote(cy, single, [0])), 'closed');

    await eventually(async () => assert.deepEqual(await storedCounts(single, 3), told.results.counts));
    const list = await org.get(`/api/events/${eventId}/polls`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const listed = (list.body as { id: string; tally: { counts: number[]; voters: number } }[]).find(
      (p) => p.id === single,
    );
    assert.deepEqual(listed?.tally, { counts: told.results.counts, voters: 2 });
    assert.equal((await org.post(`/api/events/${eventId}/polls/${single}/open`, {})).status, 409);
  });

  it('counts a multiple-choice vote once per option; shows a results-when-closed poll only once closed', async () => {
    const { org, eventId, seat, poll } = await liveEventWith(['Dee', 'Eve']);
    const dee = await seat(0, 0);
    const eve = await seat(1, 1);
    const hidden = await poll({ question: 'Secret ballot?', options: ['yes', 'no'], results: 'closed' });
    const shown = await poll({ question: 'Topics?', options: ['A', 'B', 'C'], multiple: true });
    await eve.next<LivePoll>('poll:opened', (p) => p.id === shown);

    assert.deepEqual(await vote(dee, hidden, [0]), { ok: true });
    assert.deepEqual(await vote(dee, shown, [0, 2]), { ok: true });
    assert.deepEqual(await vote(eve, shown, [2]), { ok: true });
    // both nodes have read the counts since both votes: the live poll's reached everyone, the hidden one's nobody
    for (const a of [dee, eve]) {
      const r = await a.next<PollResults>('poll:results', (x) => x.pollId === shown && x.voters === 2);
      assert.deepEqual(r.counts, [1, 0, 2]);
      assert.deepEqual(resultsOf(a, hidden), []);
    }
    const closed = await org.post(`/api/events/${eventId}/polls/${hidden}/close`, {});
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const told = await eve.next<{ results: PollResults }>('poll:closed', (c) => c.results.pollId === hidden);
    assert.deepEqual(told.results.counts, [1, 0]);
    await org.post(`/api/events/${eventId}/polls/${shown}/close`, {});
    await eventually(async () => assert.deepEqual(await storedCounts(shown, 3), [1, 0, 2]));
  });

  it('coalesces a burst of votes into fewer results messages than votes', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `Voter${i}`);
    const { seat, poll } = await liveEventWith(names);
    const voters: Attendee[] = [];
    for (let i = 0; i < names.length; i++) voters.push(await seat(i, i % 2));
    const id = await poll({ question: 'Ready?', options: ['yes', 'no'] });
    await Promise.all(voters.map((a) => a.next<LivePoll>('poll:opened', (p) => p.id === id)));
    const answers = await Promise.all(voters.map((a, i) => vote(a, id, [i % 2])));
    assert.ok(
      answers.every((a) => a.ok),
      JSON.stringify(answers),
    );
    const watcher = voters[0];
    await watcher.next<PollResults>('poll:results', (r) => r.pollId === id && r.voters === names.length);
    const messages = resultsOf(watcher, id).length;
    assert.ok(messages < names.length, `${messages} results messages for ${names.length} votes`);
  });

  it('refuses a waiting attendee, and answers 404 to another account on every route', async () => {
    const { org, eventId, seat, poll, registrants } = await liveEventWith(['Fay', 'Gil'], {
      attendeeLimit: 1,
      overagePolicy: 'block',
    });
    const fay = await seat(0, 0);
    const id = await poll({ question: 'Tea or coffee?', options: ['tea', 'coffee'] });
    await fay.next<LivePoll>('poll:opened', (p) => p.id === id);
    const gil = new Attendee(cluster.nodes[1].url, { token: registrants[1].joinToken, eventId, deviceId: 'laptop' });
    attendees.push(gil);
    assert.equal((await gil.decision).status, 'waiting');
    assert.deepEqual(await vote(gil, id, [0]), {
      ok: false,
      reason: 'not-seated',
      message: 'only seated attendees can vote',
    });
    assert.equal(
      gil.received.some((r) => r.event.startsWith('poll:')),
      false,
      'a waiting attendee hears no poll',
    );
    const draft = await org.post(`/api/events/${eventId}/polls`, { question: 'Later?', options: ['a', 'b'] });
    const other = h.api((await h.seed()).organizer.token);
    for (const r of [
      await other.get(`/api/events/${eventId}/polls`),
      await other.post(`/api/events/${eventId}/polls`, { question: 'Mine?', options: ['a', 'b'] }),
      await other.request('PATCH', `/api/events/${eventId}/polls/${draft.body.id}`, { question: 'Hijacked' }),
      await other.request('DELETE', `/api/events/${eventId}/polls/${draft.body.id}`),
      await other.post(`/api/events/${eventId}/polls/${id}/close`, {}),
      await other.post(`/api/events/${eventId}/polls/${draft.body.id}/open`, {}),
    ]) {
      assert.equal(r.status, 404, JSON.stringify(r.body));
    }
    const edited = await org.request('PATCH', `/api/events/${eventId}/polls/${draft.body.id}`, { options: ['x', 'y'] });
    assert.deepEqual([edited.status, edited.body.options, edited.body.question], [200, ['x', 'y'], 'Later?']);
    assert.equal((await org.request('PATCH', `/api/events/${eventId}/polls/${id}`, { question: 'No' })).status, 409);
    assert.equal((await org.request('DELETE', `/api/events/${eventId}/polls/${draft.body.id}`)).status, 204);
    assert.equal((await org.post(`/api/events/${eventId}/polls`, { question: 'One?', options: ['a'] })).status, 400);
  });
});
