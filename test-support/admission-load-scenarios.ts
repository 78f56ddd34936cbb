import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Decision, PlaybackGrant } from '#contracts';
import { FramedSocket } from './admission-framed-socket';

// The Node harness of the admission load tests: the same scenarios as load-tests/*.ts (k6), so they run on machines
// without k6. By default each attendee speaks Socket.IO framed by hand over a websocket, exactly as the k6 scripts do
// (a light client: the generator shares the cores with the nodes); 'socket.io-client' uses the official client instead.
// Each returns raw figures; callers apply thresholds.

export type LoadClient = 'framed' | 'socket.io-client';

/** What the scenarios need of an attendee's socket; both clients provide it. */
export interface AttendeeConnection {
  on<T>(event: string, listener: (payload: T) => void): unknown;
  close(): void;
}

export interface Joiner {
  url: string;
  token: string;
  eventId: string;
  deviceId: string;
}

export interface JoinOutcome {
  decision: Decision['status'] | 'connect_error' | 'timeout';
  tier?: string;
  reason?: string;
  /** From opening the socket to the decision (ms). */
  latencyMs: number;
  socket: AttendeeConnection;
}

export function join(j: Joiner, timeoutMs = 30_000, client: LoadClient = 'framed'): Promise<JoinOutcome> {
  const started = performance.now();
  const auth = { token: j.token, eventId: j.eventId, deviceId: j.deviceId };
  const socket: AttendeeConnection =
    client === 'framed'
      ? new FramedSocket(j.url, auth)
      : io(j.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true, timeout: timeoutMs });
  return new Promise((resolve) => {
    const done = (o: Omit<JoinOutcome, 'latencyMs' | 'socket'>) => {
      clearTimeout(timer);
      resolve({ ...o, latencyMs: performance.now() - started, socket });
    };
    const timer = setTimeout(() => done({ decision: 'timeout' }), timeoutMs);
    let decided = false;
    socket.on('decision', (d: Decision) => {
      if (decided) return;
      decided = true;
      done({
        decision: d.status,
        tier: d.status === 'admitted' ? d.tier : undefined,
        reason: 'reason' in d ? d.reason : undefined,
      });
    });
    socket.on('connect_error', (e: { reason?: string; message: string; data?: { reason?: string } }) => {
      if (decided) return;
      decided = true;
      // socket.io-client hands an Error with the server's data; the framed socket hands the data itself
      done({ decision: 'connect_error', reason: e.data?.reason ?? e.reason ?? e.message });
    });
  });
}

export interface StormResult {
  outcomes: JoinOutcome[];
  elapsedMs: number;
  joinsPerS: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Join storm: every joiner connects as fast as the client allows, at most `inFlight` handshakes at once. */
export async function joinStorm(
  joiners: Joiner[],
  inFlight = 400,
  client: LoadClient = 'framed',
): Promise<StormResult> {
  const outcomes: JoinOutcome[] = new Array(joiners.length);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < joiners.length) {
      const i = next++;
      outcomes[i] = await join(joiners[i], 30_000, client);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, joiners.length) }, lane));
  const elapsedMs = performance.now() - started;
  const lat = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  return {
    outcomes,
    elapsedMs,
    joinsPerS: (joiners.length / elapsedMs) * 1000,
    p50: quantile(lat, 0.5),
    p95: quantile(lat, 0.95),
    p99: quantile(lat, 0.99),
  };
}

export interface ViewingResult {
  seated: number;
  /** Seated sockets that got at least `minRefreshes` fresh playback tokens while watching. */
  refreshed: number;
  /** Seated sockets that lost their seat or were disconnected while watching. */
  dropped: number;
  viewerCounts: number;
}

/** Steady viewing: seated attendees keep their sockets open for `durationMs`; each must get fresh playback tokens. */
export async function steadyViewing(
  seated: JoinOutcome[],
  durationMs: number,
  minRefreshes = 1,
): Promise<ViewingResult> {
  const refreshes = new Map<JoinOutcome, number>();
  let dropped = 0;
  let viewerCounts = 0;
  for (const o of seated) {
    refreshes.set(o, 0);
    o.socket.on('playback-token', (_t: PlaybackGrant) => refreshes.set(o, (refreshes.get(o) ?? 0) + 1));
    o.socket.on('viewers', () => viewerCounts++);
    o.socket.on('lost', () => dropped++);
    o.socket.on('disconnect', (reason: string) => {
      if (reason !== 'io client disconnect') dropped++;
    });
  }
  await new Promise((r) => setTimeout(r, durationMs));
  return {
    seated: seated.length,
    refreshed: [...refreshes.values()].filter((n) => n >= minRefreshes).length,
    dropped,
    viewerCounts,
  };
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
