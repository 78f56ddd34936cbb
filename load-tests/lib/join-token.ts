import crypto from 'k6/crypto';
import encoding from 'k6/encoding';

// The same HS256 join token the control plane hands out at registration (libs/tokens signJoinToken), signed here so a
// load test needs no registrations: { typ: 'join', aud: 'webcast:join', evt, sub, exp }.
export function signJoinToken(registrantId: string, eventId: string, secret: string, expS: number): string {
  const header = encoding.b64encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }), 'rawurl');
  const payload = encoding.b64encode(
    JSON.stringify({ typ: 'join', aud: 'webcast:join', evt: eventId, exp: expS, sub: registrantId }),
    'rawurl',
  );
  const signature = crypto.hmac('sha256', secret, `${header}.${payload}`, 'base64rawurl');
  return `${header}.${payload}.${signature}`;
}

export function uuidLike(vu: number, iteration: number): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);
  return `${hex(vu, 8)}-0000-4000-8000-${hex(iteration, 12)}`;
}
