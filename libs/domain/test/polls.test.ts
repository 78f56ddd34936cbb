import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPollVote, pollRefusal, pollTransition } from '../src/polls';

const POLL = '6f1c1b9e-3d1f-4c4e-9a59-2f1d3c8b7a10';
const reason = (payload: unknown) => {
  const r = checkPollVote(payload);
  return r.ok ? 'ok' : r.reason;
};

describe('polls: a vote and the life of a poll', () => {
  it('takes a poll id and distinct option numbers, sorted', () => {
    assert.deepEqual(checkPollVote({ pollId: POLL, choices: [2, 0] }), { ok: true, pollId: POLL, choices: [0, 2] });
  });

  it('refuses a payload that is not a vote', () => {
    for (const p of [
      undefined,
      null,
      'yes',
      {},
      { pollId: 'x', choices: [0] },
      { pollId: POLL },
      { pollId: POLL, choices: 1 },
    ]) {
      assert.equal(reason(p), 'bad-request', JSON.stringify(p));
    }
  });

  it('refuses no choice, a repeated one, and numbers that name no option', () => {
    for (const choices of [[], [1, 1], [-1], [1.5], ['0'], [10], Array.from({ length: 11 }, (_, i) => i)]) {
      assert.equal(reason({ pollId: POLL, choices }), 'bad-choices', JSON.stringify(choices));
    }
  });

  it('edits, deletes and opens only drafts; closes only open polls', () => {
    assert.deepEqual(pollTransition('draft', 'open'), { ok: true });
    assert.deepEqual(pollTransition('open', 'close'), { ok: true });
    assert.equal(pollTransition('open', 'edit').ok, false);
    assert.equal(pollTransition('closed', 'open').ok, false);
    assert.equal(pollTransition('draft', 'close').ok, false);
    const r = pollTransition('closed', 'delete');
    assert.match(r.ok ? '' : r.message, /only a draft poll can be deleted/);
  });

  it('tells a voter a vote is final', () => {
    assert.match(pollRefusal('already-voted').message, /already voted.*final/);
  });
});
