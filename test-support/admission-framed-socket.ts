import { BareWebSocket } from './admission-bare-websocket';
import { PONG, connectFrame, eventFrame, parseFrame, socketUrl } from '#socketio-frames';

type Listener = (payload: unknown) => void;

/**
 * An attendee's Socket.IO connection framed by hand over a bare websocket, with the very framing the k6 scripts use
 * (load-tests/lib/socketio-frames.ts): the same protocol as socket.io-client over `transports: ['websocket']` (wait for
 * Engine.IO's open, CONNECT with the auth, answer pings), without its per-socket machinery, so a load generator that
 * shares the cores with the nodes spends less of them on itself.
 */
export class FramedSocket {
  private readonly ws: BareWebSocket;
  private readonly listeners = new Map<string, Listener[]>();
  private closedByUs = false;
  private ackId = 0;
  private readonly acks = new Map<number, Listener>();

  constructor(httpBase: string, auth: Record<string, string>) {
    this.ws = new BareWebSocket(socketUrl(httpBase), {
      open: () => {},
      text: (raw) => {
        const f = parseFrame(raw);
        if (f.kind === 'ping') this.ws.send(PONG);
        else if (f.kind === 'open') this.ws.send(connectFrame(auth));
        else if (f.kind === 'connect_error') this.fire('connect_error', { reason: f.reason, message: f.message });
        else if (f.kind === 'event') this.fire(f.name, f.payload);
        else if (f.kind === 'ack') {
          this.acks.get(f.id)?.(f.payload);
          this.acks.delete(f.id);
        }
      },
      close: (error) => {
        if (error) this.fire('connect_error', { reason: 'transport', message: error.message });
        // as socket.io-client names it: a close the client asked for, or one it did not
        this.fire('disconnect', this.closedByUs ? 'io client disconnect' : 'transport close');
      },
    });
  }

  /** Hears a server event (or connect_error, disconnect); the payload is whatever the server sent for it. */
  on<T>(event: string, listener: (payload: T) => void): this {
    const list = this.listeners.get(event);
    if (list) list.push(listener as Listener);
    else this.listeners.set(event, [listener as Listener]);
    return this;
  }

  /** Sends an event; with `ack`, the server's acknowledgement is handed to it. */
  emit(event: string, payload?: unknown, ack?: Listener): void {
    if (!this.ws.isOpen) return;
    let id: number | undefined;
    if (ack) {
      id = ++this.ackId;
      this.acks.set(id, ack);
    }
    this.ws.send(eventFrame(event, payload, id));
  }

  close(): void {
    this.closedByUs = true;
    this.ws.close();
  }

  private fire(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}
