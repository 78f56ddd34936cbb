import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import { attend } from './lib/attendee.ts';
import { signJoinToken, uuidLike } from './lib/join-token.ts';

// Join storm: ATTENDEES joiners (default 6000) hit the admission nodes as fast as VUS virtual users can, spread over
// every URL in ADMISSION_URLS. The event (EVENT_ID) must be live with limit 5000, policy bill (see README, Admission).
//   k6 run -e ADMISSION_URLS=http://127.0.0.1:3100,http://127.0.0.1:3101 -e EVENT_ID=<id> -e JOIN_TOKEN_SECRET=<secret> load-tests/join-storm.ts
const ATTENDEES = Number(__ENV.ATTENDEES || 6000);
const URLS = (__ENV.ADMISSION_URLS || 'http://127.0.0.1:3100').split(',');
const EVENT_ID = __ENV.EVENT_ID || '';
// the admission nodes' own secret (npm start keeps it in .data/secrets.json): there is no default to fall back to
const SECRET = __ENV.JOIN_TOKEN_SECRET || '';
if (!SECRET) {
  throw new Error("set JOIN_TOKEN_SECRET to the admission nodes' secret (.data/secrets.json under npm start)");
}
const LIMIT = Number(__ENV.ATTENDEE_LIMIT || 5000);

const decisionMs = new Trend('admission_decision_ms', true);
const admitted = new Counter('admission_admitted');
const included = new Counter('admission_included');
const buffer = new Counter('admission_buffer');
const refused = new Counter('admission_refused');

export const options: Options = {
  scenarios: {
    join_storm: {
      executor: 'shared-iterations',
      vus: Number(__ENV.VUS || 200),
      iterations: ATTENDEES,
      maxDuration: '5m',
    },
  },
  thresholds: {
    admission_decision_ms: ['p(95)<250'],
    admission_refused: ['count==0'],
    // never more included or buffer seats than the terms allow (the rest of a bill storm is overage)
    admission_included: [`count<=${LIMIT}`],
    admission_buffer: [`count<=${Math.floor(LIMIT / 10)}`],
    checks: ['rate>0.99'],
  },
};

export default function (): void {
  const n = exec.scenario.iterationInTest;
  const token = signJoinToken(uuidLike(exec.vu.idInTest, n), EVENT_ID, SECRET, Math.floor(Date.now() / 1000) + 3600);
  attend(URLS[n % URLS.length], { token, eventId: EVENT_ID, deviceId: 'k6' }, Number(__ENV.STAY_MS || 5000), {
    onDecision(status, detail, ms) {
      decisionMs.add(ms);
      check(status, { 'joiner decided: admitted or waiting': (s) => s === 'admitted' || s === 'waiting' });
      if (status === 'admitted') {
        admitted.add(1);
        if (detail.tier === 'included') included.add(1);
        if (detail.tier === 'buffer') buffer.add(1);
      } else if (status !== 'waiting') refused.add(1);
    },
  });
}
