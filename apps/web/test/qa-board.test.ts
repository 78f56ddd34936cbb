import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QaQuestion } from '#contracts';
import { markVoted, sortQuestions, upsertQuestion } from '../src/pages/join/qa-board';

const q = (id: number, extra: Partial<QaQuestion> = {}): QaQuestion => ({
  id: `${id}-0`,
  eventId: 'e',
  author: { name: 'Ada' },
  text: `question ${id}`,
  at: new Date(id * 1000).toISOString(),
  status: 'open',
  votes: 0,
  answer: null,
  answeredLive: false,
  pinned: false,
  ...extra,
});
const ids = (b: QaQuestion[]) => b.map((x) => x.id);

describe('the Q&A board of the join page', () => {
  it('adds new questions and updates known ones, keeping what only this attendee knows', () => {
    const board = [q(1, { mine: true }), q(2, { voted: true })];
    const next = upsertQuestion(upsertQuestion(board, q(2, { votes: 5 })), q(3));
    assert.deepEqual(ids(next), ['1-0', '2-0', '3-0']);
    assert.deepEqual([next[1].votes, next[1].voted], [5, true]);
    assert.equal(upsertQuestion(next, q(1, { answer: 'Yes', status: 'answered' }))[0].mine, true);
  });

  it('drops a dismissed question', () => {
    assert.deepEqual(ids(upsertQuestion([q(1), q(2)], q(1, { status: 'dismissed' }))), ['2-0']);
  });

  it('marks the attendee’s vote', () => {
    const [voted] = markVoted([q(1, { votes: 2 })], '1-0', 3);
    assert.deepEqual([voted.voted, voted.votes], [true, 3]);
  });

  it('sorts pinned first, then by votes or newest', () => {
    const board = [q(1, { votes: 5 }), q(2, { votes: 9 }), q(3, { pinned: true }), q(4, { votes: 5 })];
    assert.deepEqual(ids(sortQuestions(board, 'votes')), ['3-0', '2-0', '4-0', '1-0']);
    assert.deepEqual(ids(sortQuestions(board, 'time')), ['3-0', '4-0', '2-0', '1-0']);
  });
});
