import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate } from 'k6/metrics';
import type { Options } from 'k6/options';
import { attend } from './lib/attendee.ts';
import { signJoinToken, uuidLike } from './lib/join-token.ts';

// Steady viewing: VUS attendees stay VIEW_SECONDS each (default 150 s, past two playback-token refreshes at the
// product's 30 s / 60 s), and every seated attendee must get fresh playback tokens and viewer counts while watching.
//   k6 run -e ADMISSION_URLS=... -e EVENT_ID=<id> -e JOIN_TOKEN_SECRET=<secret> load-tests/steady-viewing.ts
const URLS = (__ENV.ADMISSION_URLS || 'http://127.0.0.1:3100').split(',');
const EVENT_ID = __ENV.EVENT_ID || '';
// the admission nodes' own secret (npm start keeps it in .data/secrets.json): there is no default to fall back to
const SECRET = __ENV.JOIN_TOKEN_SECRET || '';
if (!SECRET) {
  throw new Error("set JOIN_TOKEN_SECRET to the admission nodes' secret (.data/secrets.json under npm start)");
}
const VIEW_MS = Number(__ENV.VIEW_SECONDS || 150) * 1000;
const REFRESH_EVERY_MS = Number(__ENV.PLAYBACK_REFRESH_MS || 30_000);

const refreshedInTime = new Rate('playback_token_refreshed_in_time');
const seatLost = new Counter('seat_lost');
const viewerCounts = new Counter('viewer_count_messages');

export const options: Options = {
  scenarios: {
    steady_viewing: {
      executor: 'per-vu-iterations',
      vus: Number(__ENV.VUS || 1000),
      iterations: 1,
      maxDuration: `${Math.ceil(VIEW_MS / 1000) + 120}s`,
    },
  },
  thresholds: {
    playback_token_refreshed_in_time: ['rate>0.99'],
    seat_lost: ['count==0'],
    viewer_count_messages: ['count>0'],
    checks: ['rate>0.99'],
  },
};

export default function (): void {
  const token = signJoinToken(uuidLike(exec.vu.idInTest, 0), EVENT_ID, SECRET, Math.floor(Date.now() / 1000) + 3600);
  let lastToken = 0;
  let refreshes = 0;
  let seated = false;
  attend(URLS[exec.vu.idInTest % URLS.length], { token, eventId: EVENT_ID, deviceId: 'k6' }, VIEW_MS, {
    onDecision(status) {
      seated = status === 'admitted';
      check(status, { 'viewer admitted': (s) => s === 'admitted' });
      lastToken = Date.now();
    },
    onEvent(name) {
      if (name === 'playback-token') {
        // a refresh must come before the previous token (60 s) runs out; allow one sweep of slack
        refreshedInTime.add(Date.now() - lastToken <= REFRESH_EVERY_MS + 5_000);
        lastToken = Date.now();
        refreshes++;
      } else if (name === 'viewers') viewerCounts.add(1);
      else if (name === 'lost' || name === 'ended') seatLost.add(1);
    },
    onClose() {
      // a viewer who never got a refresh would leave the rate above without samples: count it as a miss
      if (seated) {
        check(refreshes, { 'refreshed while watching': (n) => n >= Math.floor(VIEW_MS / REFRESH_EVERY_MS) - 1 });
      }
    },
  });
}
