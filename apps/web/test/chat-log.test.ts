import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '#contracts';
import { appendChatMessages } from '../src/pages/join/chat-log';

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
});
