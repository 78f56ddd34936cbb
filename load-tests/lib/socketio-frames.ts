// Socket.IO v4 over Engine.IO v4, framed by hand for k6's websockets (k6 has no Socket.IO client).
// A frame is the Engine.IO packet type digit, then for "message" (4) the Socket.IO packet type digit and payload:
//   0{...}          open (server -> client): sid, pingInterval, pingTimeout
//   2 / 3           ping (server) / pong (client)
//   40{auth}        CONNECT to namespace "/" with the handshake auth (client); 40{"sid":...} accepted (server)
//   44{...}         CONNECT_ERROR with { message, data } (server)
//   42["name",arg]  EVENT; 42<id>["name"] asks for an ack, answered by 43<id>[...]

export type Frame =
  | { kind: 'open'; sid: string; pingInterval: number }
  | { kind: 'ping' }
  | { kind: 'connected' }
  | { kind: 'connect_error'; reason: string; message: string }
  | { kind: 'event'; name: string; payload: unknown }
  | { kind: 'ack'; id: number; payload: unknown }
  | { kind: 'other'; raw: string };

export function socketUrl(httpBase: string): string {
  return `${httpBase.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
}

export function connectFrame(auth: Record<string, string>): string {
  return `40${JSON.stringify(auth)}`;
}

export function eventFrame(name: string, payload?: unknown, ackId?: number): string {
  const args = payload === undefined ? [name] : [name, payload];
  return `42${ackId === undefined ? '' : ackId}${JSON.stringify(args)}`;
}

export const PONG = '3';

export function parseFrame(raw: string): Frame {
  if (raw === '2') return { kind: 'ping' };
  if (raw.charAt(0) === '0') {
    const o = JSON.parse(raw.slice(1)) as { sid: string; pingInterval: number };
    return { kind: 'open', sid: o.sid, pingInterval: o.pingInterval };
  }
  if (raw.charAt(0) !== '4') return { kind: 'other', raw };
  const type = raw.charAt(1);
  const rest = raw.slice(2);
  if (type === '0') return { kind: 'connected' };
  if (type === '4') {
    const o = JSON.parse(rest) as { message: string; data?: { reason?: string; message?: string } };
    return { kind: 'connect_error', reason: o.data?.reason ?? o.message, message: o.data?.message ?? o.message };
  }
  if (type === '2' || type === '3') {
    const bracket = rest.indexOf('[');
    const id = bracket > 0 ? Number(rest.slice(0, bracket)) : -1;
    const args = JSON.parse(rest.slice(bracket)) as unknown[];
    if (type === '3') return { kind: 'ack', id, payload: args[0] };
    return { kind: 'event', name: String(args[0]), payload: args[1] };
  }
  return { kind: 'other', raw };
}
