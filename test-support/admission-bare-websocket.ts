import { createHash } from 'node:crypto';
import { Socket, connect } from 'node:net';

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

export interface BareWebSocketHandlers {
  open(): void;
  text(message: string): void;
  /** The connection is gone: closed by either side, refused, or broken (`error` says why, when it was not clean). */
  close(error?: Error): void;
}

/**
 * The client side of RFC 6455 reduced to what the load generator needs: one upgrade request written at connect, text
 * frames (masked, as a client must), pings answered, the close handshake, no extensions, no fragmentation (the
 * server's messages here are small and sent whole). A general client (ws) costs the generator, which shares the cores
 * with the admission nodes, about twice the CPU per connection for its HTTP client and options.
 */
export class BareWebSocket {
  private readonly socket: Socket;
  // a nonce, not a secret (RFC 6455 4.1): Math.random spares the generator a CSPRNG call per connection
  private readonly key = nonce16().toString('base64');
  private pending: Buffer | null = null;
  private upgraded = false;
  /** A close frame was sent: nothing more may be written. */
  private closing = false;
  private closed = false;

  constructor(
    url: string,
    private readonly on: BareWebSocketHandlers,
  ) {
    const u = new URL(url);
    if (u.protocol !== 'ws:') throw new Error(`only ws:// is supported, not ${u.protocol}`);
    const port = Number(u.port || 80);
    this.socket = connect({ host: u.hostname, port, noDelay: true });
    this.socket.write(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${this.key}\r\n\r\n`,
    );
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (e) => this.finish(e));
    this.socket.on('close', () =>
      this.finish(this.upgraded ? undefined : new Error('connection closed before the upgrade')),
    );
  }

  get isOpen(): boolean {
    return this.upgraded && !this.closing && !this.closed;
  }

  send(text: string): void {
    if (this.isOpen) this.socket.write(frame(0x80 | OP_TEXT, Buffer.from(text)));
  }

  /**
   * A masked frame whose first byte (FIN, RSV bits, opcode) is the caller's, for tests that send what a client must
   * not: binary garbage, reserved opcodes, fragments, payloads past the server's limit.
   */
  sendFrame(firstByte: number, payload: Buffer): void {
    if (this.isOpen) this.socket.write(frame(firstByte, payload));
  }

  /** Bytes written as they are, outside any frame. */
  writeRaw(bytes: Buffer): void {
    if (this.isOpen) this.socket.write(bytes);
  }

  /** The close handshake: a close frame (1000), then the server closes the TCP connection. */
  close(): void {
    if (!this.isOpen) return this.terminate();
    this.closing = true;
    this.socket.end(frame(0x80 | OP_CLOSE, Buffer.from([0x03, 0xe8])));
  }

  terminate(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    let b = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.upgraded) {
      const end = b.indexOf('\r\n\r\n');
      if (end < 0) {
        this.pending = b;
        return;
      }
      const head = b.toString('latin1', 0, end);
      if (
        !head.startsWith('HTTP/1.1 101 ') ||
        acceptHeader(head) !==
          createHash('sha1')
            .update(this.key + ACCEPT_GUID)
            .digest('base64')
      ) {
        this.socket.destroy();
        this.finish(new Error(`upgrade refused: ${head.slice(0, head.indexOf('\r\n'))}`));
        return;
      }
      this.upgraded = true;
      this.on.open();
      b = b.subarray(end + 4);
    }
    let at = 0;
    while (b.length - at >= 2) {
      const b0 = b[at];
      const b1 = b[at + 1];
      let length = b1 & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (b.length - at < 4) break;
        length = b.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (b.length - at < 10) break;
        length = Number(b.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (b.length < start + length) break;
      const payload = b.subarray(start, start + length);
      at = start + length;
      if ((b1 & 0x80) !== 0 || (b0 & 0x80) === 0) {
        // a server never masks; fragments are not expected from it here
        this.socket.destroy();
        this.finish(new Error('unexpected frame (masked or fragmented)'));
        return;
      }
      const op = b0 & 0x0f;
      if (op === OP_TEXT) this.on.text(payload.toString('utf8'));
      else if (op === OP_PING && !this.closing) this.socket.write(frame(0x80 | OP_PONG, payload));
      else if (op === OP_CLOSE) {
        if (!this.closing) {
          this.closing = true;
          this.socket.end(frame(0x80 | OP_CLOSE, payload.subarray(0, 2)));
        }
        this.finish();
        return;
      }
      if (this.closed) return;
    }
    if (at < b.length) this.pending = b.subarray(at);
  }

  private finish(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.on.close(error);
  }
}

/** The Sec-WebSocket-Accept value of a response head, or null. */
function acceptHeader(head: string): string | null {
  const name = '\r\nsec-websocket-accept:';
  const at = head.toLowerCase().indexOf(name);
  if (at < 0) return null;
  const end = head.indexOf('\r\n', at + name.length);
  return head.slice(at + name.length, end < 0 ? undefined : end).trim();
}

function nonce16(): Buffer {
  const b = Buffer.allocUnsafe(16);
  for (let i = 0; i < 16; i += 4) b.writeInt32BE((Math.random() * 0x100000000) | 0, i);
  return b;
}

/** A client frame (masked, as a client must) with the given first byte: FIN, RSV bits and opcode. */
function frame(firstByte: number, payload: Buffer): Buffer {
  const n = payload.length;
  const lengthBytes = n < 126 ? 0 : n <= 0xffff ? 2 : 8;
  const out = Buffer.allocUnsafe(2 + lengthBytes + 4 + n);
  out[0] = firstByte;
  out[1] = 0x80 | (lengthBytes === 0 ? n : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) out.writeUInt16BE(n, 2);
  else if (lengthBytes === 8) out.writeBigUInt64BE(BigInt(n), 2);
  const m = 2 + lengthBytes;
  out.writeInt32BE((Math.random() * 0x100000000) | 0, m);
  for (let i = 0; i < n; i++) out[m + 4 + i] = payload[i] ^ out[m + (i & 3)];
  return out;
}
