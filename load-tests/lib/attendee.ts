import ws from 'k6/ws';
import { PONG, connectFrame, eventFrame, parseFrame, socketUrl } from './socketio-frames.ts';

export interface AttendeeHooks {
  /** The admission decision (or a refusal at connect), with the ms since the socket opened. */
  onDecision(status: string, detail: Record<string, unknown>, ms: number): void;
  onEvent?(name: string, payload: unknown): void;
  /** The socket closed (after the leave, a refusal, or the server closing it). */
  onClose?(): void;
}

/**
 * One attendee's socket for `stayMs` after the decision: answers Engine.IO pings, reports every server event, and
 * leaves (ack'd) at the end so the seat frees at once.
 */
export function attend(
  baseUrl: string,
  auth: { token: string; eventId: string; deviceId: string },
  stayMs: number,
  hooks: AttendeeHooks,
): void {
  let opened = 0;
  let decided = false;
  ws.connect(socketUrl(baseUrl), null, (socket) => {
    socket.on('open', () => {
      opened = Date.now();
    });
    socket.on('message', (raw: string) => {
      const f = parseFrame(raw);
      if (f.kind === 'ping') socket.send(PONG);
      else if (f.kind === 'open') socket.send(connectFrame(auth));
      else if (f.kind === 'connect_error') {
        hooks.onDecision('connect_error', { reason: f.reason, message: f.message }, Date.now() - opened);
        socket.close();
      } else if (f.kind === 'event') {
        if (f.name === 'decision' && !decided) {
          decided = true;
          const d = f.payload as Record<string, unknown>;
          hooks.onDecision(String(d.status), d, Date.now() - opened);
          if (d.status === 'admitted' || d.status === 'waiting') {
            socket.setTimeout(() => socket.send(eventFrame('leave', undefined, 1)), stayMs);
          } else socket.close();
        } else {
          hooks.onEvent?.(f.name, f.payload);
        }
      } else if (f.kind === 'ack') socket.close();
    });
    socket.on('close', () => hooks.onClose?.());
    // never hang a VU: give up well after the stay
    socket.setTimeout(() => socket.close(), stayMs + 30_000);
  });
}
