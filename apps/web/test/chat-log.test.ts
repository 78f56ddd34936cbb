import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '#contracts';
import { appendChatMessages, chatTextParts, hideChatMessage, restoreChatMessage } from '../src/pages/join/chat-log';

const msg = (id: number): ChatMessage => ({
  id: `${id}-0`,
  eventId: 'e',
  author: { name: 'Grace' },
  text: `message ${id}`,
  at: new Date(id * 1000).toISOString(),
});
const ids = (log: ChatMessage[]) => log.map((m) => m.id);

describe('the chat log of the join page', () => {
  it('appends new messages after the ones shown, oldest first', () => {
    assert.deepEqual(ids(appendChatMessages([msg(1)], [msg(2), msg(3)])), ['1-0', '2-0', '3-0']);
  });

  it('shows a message once when a history repeats what is already there', () => {
    const log = [msg(1), msg(2)];
    assert.deepEqual(ids(appendChatMessages(log, [msg(1), msg(2), msg(3), msg(3)])), ['1-0', '2-0', '3-0']);
    assert.equal(appendChatMessages(log, [msg(2)]), log, 'nothing new keeps the same list');
  });

  it('keeps only the newest messages beyond its size', () => {
    const log = Array.from({ length: 200 }, (_, i) => msg(i));
    const next = appendChatMessages(log, [msg(200), msg(201)]);
    assert.equal(next.length, 200);
    assert.deepEqual(ids(next).slice(0, 1), ['2-0']);
    assert.deepEqual(ids(next).slice(-1), ['201-0']);
  });

  it('puts a restored message back in its place, once', () => {
    const log = [msg(1), msg(3), msg(10)];
    assert.deepEqual(ids(restoreChatMessage(log, msg(2))), ['1-0', '2-0', '3-0', '10-0']);
    assert.deepEqual(ids(restoreChatMessage(log, msg(11))), ['1-0', '3-0', '10-0', '11-0']);
    assert.equal(restoreChatMessage(log, msg(3)), log);
  });

  it('takes a hidden message out', () => {
    assert.deepEqual(ids(hideChatMessage([msg(1), msg(2)], '1-0')), ['2-0']);
  });

  it('finds http(s) links, leaving the sentence around them as text', () => {
    assert.deepEqual(chatTextParts('slides: https://example.com/deck?x=1. Thanks'), [
      { kind: 'text', text: 'slides: ' },
      { kind: 'link', text: 'https://example.com/deck?x=1', href: 'https://example.com/deck?x=1' },
      { kind: 'text', text: '. Thanks' },
    ]);
    assert.deepEqual(chatTextParts('javascript:alert(1) and ftp://x.org'), [
      { kind: 'text', text: 'javascript:alert(1) and ftp://x.org' },
    ]);
  });
});
