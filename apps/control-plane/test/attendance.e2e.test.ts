import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlane, createControlPlane } from '../src/create-control-plane';
import { EventsService } from '../src/events/events.service';
import { Attendee, AdmissionCluster, ledgerEventOf, startAdmissionCluster } from '#test-support/admission-cluster';
import { EventSnapshot, eventSnapshotKey } from '#contracts';
import { ControlPlaneHarness, SeededCustomer, apiClient, startControlPlane } from '#test-support/control-plane-harness';
import { eventually } from '#test-support';
import { attendanceStreamKey } from '#seat-ledger';

// The whole path: registration -> join links -> 2 admission nodes -> Redis stream -> control plane -> report,
// with the control plane stopped for a while in the middle of the event.
describe('attendance log and report (control plane + 2 admission nodes)', () => {
  let h: ControlPlaneHarness;
  let cluster: AdmissionCluster;
  let restarted: ControlPlane | undefined;
  let seeded: SeededCustomer;
  let other: SeededCustomer;
  let mine: SeededCustomer;
  const attendees: Attendee[] = [];

  before(async () => {
    h = await startControlPlane();
    cluster = await startAdmissionCluster(
      'attendance',
      {
        JOIN_TOKEN_SECRET: h.config.JOIN_TOKEN_SECRET,
        PLAYBACK_TOKEN_SECRET: h.config.PLAYBACK_TOKEN_SECRET,
        SWEEP_INTERVAL: '250ms',
      },
      2,
      h.config.REDIS_PREFIX,
    );
    seeded = await h.seed({ attendeeLimit: 10, overagePolicy: 'bill', overageRateCents: 300 });
    // seeding goes through the first control plane instance, which the first test stops
    other = await h.seed();
    mine = await h.seed();
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster?.close();
    await restarted?.close();
    await h?.close();
  });

  it('survives the control plane being stopped mid-event: the report equals the ledger figures afterwards', async () => {
    const org = h.api(seeded.organizer.token);
    const created = await org.post('/api/events', {
      title: 'Attendance check',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    await h.controlPlane.app.get(EventsService).markLive(eventId);
    const snapshot = JSON.parse(
      (await cluster.redis.get(eventSnapshotKey(h.config.REDIS_PREFIX, eventId)))!,
    ) as EventSnapshot;
    assert.equal(snapshot.state, 'live');

    const tokens: string[] = [];
    for (let i = 0; i < 16; i++) {
      // added by the organizer, who sees the links (the public form sends them by mail only)
      const r = await org.post(`/api/events/${eventId}/registrations`, {
        name: `Attendee ${i}`,
        email: `attendee.${i}@example.org`,
        sendInvitation: false,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      tokens.push(r.body.joinToken);
    }
    const join = (i: number, device = 'laptop') => {
      const a = new Attendee(cluster.nodes[i % 2].url, { token: tokens[i], eventId, deviceId: device });
      attendees.push(a);
      return a;
    };
    const first = Array.from({ length: 12 }, (_, i) => join(i));
    assert.ok((await Promise.all(first.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    // a second device of attendee 0: logged, same seat
    assert.equal((await join(0, 'phone').decision).status, 'admitted');

    // the control plane stores what it saw (it follows the event's stream by then), then goes away; admission carries on
    await eventually(
      async () => assert.equal((await org.get(`/api/events/${eventId}/attendance`)).body.uniqueAttendees, 12),
      { timeout: 10_000, interval: 100, message: 'the first 12 in the report' },
    );
    await h.controlPlane.close();
    const more = [12, 13, 14, 15].map((i) => join(i));
    assert.ok((await Promise.all(more.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    for (const a of first.slice(1, 4)) await a.leave();
    // as if the control plane had read these just before it died, without writing or acknowledging them
    const stream = attendanceStreamKey(h.config.REDIS_PREFIX, eventId);
    const inFlight = (await cluster.redis.xreadgroup(
      'GROUP',
      'control-plane',
      h.config.ATTENDANCE_CONSUMER,
      'COUNT',
      5,
      'STREAMS',
      stream,
      '>',
    )) as [string, unknown[]][];
    assert.equal(inFlight[0][1].length, 5);

    restarted = await createControlPlane({ ...h.config, PORT: 0 });
    const api = apiClient(restarted.url, seeded.organizer.token);
    const ledger = await cluster.ledger.status(ledgerEventOf(snapshot));
    assert.deepEqual(
      { peak: ledger.peakConcurrent, overage: ledger.peakOverage, seats: ledger.seats },
      { peak: 16, overage: 5, seats: 13 },
    );

    // the consumer catches up with the backlog written while it was down
    const report = await eventually(
      async () => {
        const r = (await api.get(`/api/events/${eventId}/attendance`)).body;
        assert.equal(r.uniqueAttendees, 16, 'attendees in the report');
        assert.equal(r.attendees.filter((a: any) => a.sessions.some((s: any) => s.leaveAt)).length, 3, 'leaves');
        return r;
      },
      { timeout: 20_000, interval: 200, message: 'the report to catch up with the backlog' },
    );
    assert.equal(report.registrants, 16);
    assert.equal(report.uniqueAttendees, 16);
    assert.equal(report.peakConcurrent, ledger.peakConcurrent);
    assert.equal(report.peakOverage, ledger.peakOverage);
    assert.equal(report.bufferUsed, 1);
    assert.equal(report.overageFeeCents, 5 * 300);
    const zero = report.attendees.find((a: any) => a.name === 'Attendee 0');
    assert.equal(zero.devices, 2);
    assert.equal(zero.sessions.length, 1);
    const gone = report.attendees
      .filter((a: any) => a.sessions[0].leaveAt !== null)
      .map((a: any) => a.name)
      .sort();
    assert.deepEqual(gone, ['Attendee 1', 'Attendee 2', 'Attendee 3']);
    for (const a of report.attendees) assert.ok(a.watchMinutes >= 0);

    const rows = (
      await apiClient(restarted.url, seeded.organizer.token).get(`/api/events/${eventId}/attendance/attendees.csv`)
    ).body as string;
    assert.equal(rows.trim().split('\r\n').length, 1 + 16);
    const invoice = await apiClient(restarted.url, seeded.organizer.token).get(
      `/api/events/${eventId}/attendance/invoice.csv`,
    );
    assert.match(invoice.headers.get('content-type') ?? '', /text\/csv/);
    assert.equal((invoice.body as string).trim().split('\r\n')[1], `${eventId},10,1,16,5,300,1500`);

    // the key server accepts the playback token admission issued, for this event's recording only
    const recording = await api.post('/api/media/assets', { title: 'Recording', eventId });
    assert.equal(recording.status, 201, JSON.stringify(recording.body));
    const seated = await first[5].decision;
    assert.equal(seated.status, 'admitted');
    const playbackToken = seated.status === 'admitted' ? seated.playbackToken : '';
    const key = await fetch(`${restarted.url}/api/keys/${recording.body.id}`, {
      headers: { authorization: `Bearer ${playbackToken}` },
    });
    assert.equal(key.status, 200);
    assert.equal((await key.arrayBuffer()).byteLength, 16);
    const otherAsset = await api.post('/api/media/assets', { title: 'Another upload' });
    assert.equal(
      (
        await fetch(`${restarted.url}/api/keys/${otherAsset.body.id}`, {
          headers: { authorization: `Bearer ${playbackToken}` },
        })
      ).status,
      403,
    );

    // nothing is left unacknowledged
    const pending = (await cluster.redis.xpending(stream, 'control-plane')) as [number, ...unknown[]];
    assert.equal(pending[0], 0);
  });

  it("shows the report only to the event's organizer", async () => {
    const created = await apiClient(restarted!.url, mine.organizer.token).post('/api/events', {
      title: 'Private figures',
      startsAt: new Date(Date.now() + 7200_000).toISOString(),
      endsAt: new Date(Date.now() + 9000_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201);
    assert.equal(
      (await apiClient(restarted!.url, other.organizer.token).get(`/api/events/${created.body.id}/attendance`)).status,
      404,
    );
    assert.equal(
      (await apiClient(restarted!.url, mine.admin.token).get(`/api/events/${created.body.id}/attendance`)).status,
      403,
    );
    assert.equal((await apiClient(restarted!.url).get(`/api/events/${created.body.id}/attendance`)).status, 401);
    assert.equal(
      (await apiClient(restarted!.url, mine.organizer.token).get('/api/events/not-a-uuid/attendance')).status,
      404,
    );
    const empty = await apiClient(restarted!.url, mine.organizer.token).get(
      `/api/events/${created.body.id}/attendance`,
    );
    assert.equal(empty.status, 200);
    assert.deepEqual([empty.body.uniqueAttendees, empty.body.peakConcurrent, empty.body.overageFeeCents], [0, 0, 0]);
  });
});
