import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseParser } from '../src/api/sse-parser';

describe('the Server-Sent Events parser of the console', () => {
  it('reads the events the progress channel sends', () => {
    const p = new SseParser();
    const events = p.push('event: asset\ndata: {"progress":10}\n\nevent: asset\ndata: {"progress":20}\n\n');
    assert.deepEqual(events, [
      { event: 'asset', data: '{"progress":10}', id: null },
      { event: 'asset', data: '{"progress":20}', id: null },
    ]);
  });

  it('completes an event only at its blank line, whatever the chunks are', () => {
    const p = new SseParser();
    const text = 'event: asset\ndata: {"state":"processing"}\n\n';
    const seen = [];
    for (const ch of text) seen.push(...p.push(ch));
    assert.deepEqual(seen, [{ event: 'asset', data: '{"state":"processing"}', id: null }]);
    assert.deepEqual(p.push('data: half'), []);
    assert.deepEqual(p.push('\n'), []);
    assert.deepEqual(p.push('\n'), [{ event: 'message', data: 'half', id: null }]);
  });

  it('accepts CRLF and CR line endings, also a CRLF split across chunks', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data: a\r'), []);
    assert.deepEqual(p.push('\n\r'), [{ event: 'message', data: 'a', id: null }]);
    // the LF after that CR ends nothing more
    assert.deepEqual(p.push('\ndata: b\r\rdata: c\n\n'), [
      { event: 'message', data: 'b', id: null },
      { event: 'message', data: 'c', id: null },
    ]);
  });

  it('joins several data lines with a newline and strips one leading space only', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data:  two spaces\ndata:none\ndata\n\n'), [
      { event: 'message', data: ' two spaces\nnone\n', id: null },
    ]);
  });

  it('skips comments and unknown fields, and dispatches nothing without data', () => {
    const p = new SseParser();
    assert.deepEqual(p.push(': keep-alive\n\nevent: asset\n\nfoo: bar\ndata: x\n\n'), [
      { event: 'message', data: 'x', id: null },
    ]);
  });

  it('keeps the last id for later events and reads the retry delay', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('id: 7\nretry: 2500\ndata: a\n\ndata: b\n\nretry: soon\n'), [
      { event: 'message', data: 'a', id: '7' },
      { event: 'message', data: 'b', id: '7' },
    ]);
    assert.equal(p.retryMs, 2500);
  });
});
