// An incremental parser of the Server-Sent Events format (the HTML standard's "event stream interpretation"): the
// console reads SSE through fetch() because EventSource cannot send the Authorization header, so it parses the
// stream itself. Pure: text in, events out, whatever the chunk boundaries are.

export interface ServerSentEvent {
  /** `message` unless the stream named it. */
  event: string;
  data: string;
  /** The last `id:` seen so far (it carries over to later events), or null. */
  id: string | null;
}

export class SseParser {
  private buffer = '';
  /** A chunk ended on CR: a LF opening the next one belongs to the same line ending. */
  private pendingCr = false;
  private eventType = '';
  private dataLines: string[] = [];
  private hasData = false;
  private lastId: string | null = null;
  /** The reconnection delay the server asked for with `retry:`, in ms. */
  retryMs: number | null = null;

  /** Feeds decoded text; returns the events it completed. */
  push(chunk: string): ServerSentEvent[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: ServerSentEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      this.line(this.buffer.slice(start, i), out);
      if (c === '\r') {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string, out: ServerSentEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') {
      this.dataLines.push(value);
      this.hasData = true;
    } else if (field === 'id') {
      if (!value.includes('\0')) this.lastId = value;
    } else if (field === 'retry') {
      if (/^\d+$/.test(value)) this.retryMs = Number(value);
    }
    // any other field is ignored, as the standard says
  }

  private dispatch(out: ServerSentEvent[]): void {
    if (this.hasData) {
      out.push({ event: this.eventType || 'message', data: this.dataLines.join('\n'), id: this.lastId });
    }
    this.eventType = '';
    this.dataLines = [];
    this.hasData = false;
  }
}
