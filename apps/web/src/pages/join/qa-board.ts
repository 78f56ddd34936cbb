import type { QaQuestion } from '#contracts';

// The attendee's view of the Q&A board, as pure functions of what the node sends: a board on being seated, then each
// new or changed question. What only this attendee knows (their own questions, their votes) is kept across updates,
// since broadcasts carry neither.

/** The board with `q` added or updated; a dismissed question leaves it. */
export function upsertQuestion(board: QaQuestion[], q: QaQuestion): QaQuestion[] {
  const at = board.findIndex((x) => x.id === q.id);
  if (q.status === 'dismissed') return at === -1 ? board : board.filter((x) => x.id !== q.id);
  if (at === -1) return [...board, q];
  const before = board[at];
  const merged = { ...q, mine: q.mine ?? before.mine, voted: q.voted ?? before.voted };
  return [...board.slice(0, at), merged, ...board.slice(at + 1)];
}

/** After the attendee's own upvote was counted. */
export function markVoted(board: QaQuestion[], id: string, votes: number): QaQuestion[] {
  return board.map((q) => (q.id === id ? { ...q, voted: true, votes: Math.max(q.votes, votes) } : q));
}

export type QaSort = 'votes' | 'time';

/** Pinned first, then by votes (ties: newest) or newest first. */
export function sortQuestions(board: QaQuestion[], sort: QaSort): QaQuestion[] {
  return [...board].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      (sort === 'votes' ? b.votes - a.votes : 0) ||
      Date.parse(b.at) - Date.parse(a.at) ||
      (b.id > a.id ? 1 : -1),
  );
}
