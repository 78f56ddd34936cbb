import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHAT_TEXT_MAX_CHARS, chatRefusal, checkChatText } from '../src/chat-message';

const reason = (payload: unknown) => {
  const r = checkChatText(payload);
  return r.ok ? 'ok' : r.reason;
};

describe('chat: the text of a message', () => {
  it('keeps the text trimmed, links as plain text', () => {
    assert.deepEqual(checkChatText({ text: '  hello  ' }), { ok: true, text: 'hello' });
    assert.deepEqual(checkChatText({ text: 'see https://example.org/<b>x</b>' }), {
      ok: true,
      text: 'see https://example.org/<b>x</b>',
    });
  });

  it('refuses a payload without a text string', () => {
    for (const p of [undefined, null, 'hello', 42, [], {}, { text: 3 }, { text: ['a'] }]) {
      assert.equal(reason(p), 'bad-request', JSON.stringify(p));
    }
  });

  it('refuses an empty or blank message', () => {
    assert.equal(reason({ text: '' }), 'empty');
    assert.equal(reason({ text: ' \t\n ' }), 'empty');
  });

  it(`admits up to ${CHAT_TEXT_MAX_CHARS} characters, counting an emoji as one`, () => {
    assert.equal(reason({ text: 'a'.repeat(CHAT_TEXT_MAX_CHARS) }), 'ok');
    assert.equal(reason({ text: 'a'.repeat(CHAT_TEXT_MAX_CHARS + 1) }), 'too-long');
    assert.equal(reason({ text: '😀'.repeat(CHAT_TEXT_MAX_CHARS) }), 'ok');
    assert.equal(reason({ text: `  ${'a'.repeat(CHAT_TEXT_MAX_CHARS)}  ` }), 'ok');
  });

  it('refuses control characters inside the text, line breaks included', () => {
    for (const text of ['a\u0000b', 'a\nb', 'a\u001bb', 'a\u007fb', 'a\u0085b']) {
      assert.equal(reason({ text }), 'control-characters', JSON.stringify(text));
    }
  });

  it('refuses text with a lone surrogate', () => {
    assert.equal(reason({ text: 'a\uD800b' }), 'bad-request');
    assert.equal(reason({ text: '\uDC00' }), 'bad-request');
  });
});

describe('chat: refusals', () => {
  it('says who may chat', () => {
    assert.deepEqual(chatRefusal('not-seated'), {
      ok: false,
      reason: 'not-seated',
      message: 'only seated attendees can chat',
    });
  });

  it('tells a rate-limited attendee when to try again', () => {
    assert.deepEqual(chatRefusal('rate-limited', 10), {
      ok: false,
      reason: 'rate-limited',
      message: 'you are sending messages too fast; try again in 10 s',
      retryAfterS: 10,
    });
  });
});
