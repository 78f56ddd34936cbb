import { csvTable as csv } from '../http/csv-table';
import type { StoredChatMessage } from './chat.repository';
import type { StoredQuestion } from './qa.repository';

/** The chat transcript: every stored message in the order it was accepted, what moderators hid flagged. */
export function chatTranscriptCsv(messages: (StoredChatMessage & { hidden: boolean })[]): string {
  return csv([
    ['sent_at', 'message_id', 'registrant_id', 'name', 'text', 'hidden', 'held_for_review'],
    ...messages.map((m) => [
      new Date(m.at).toISOString(),
      m.streamId,
      m.registrantId,
      m.name,
      m.text,
      String(m.hidden),
      String(m.held),
    ]),
  ]);
}

/** Every question with who asked it (also when anonymous to the room), its votes, its outcome. */
export function questionsCsv(questions: StoredQuestion[]): string {
  return csv([
    [
      'asked_at',
      'question_id',
      'registrant_id',
      'name',
      'anonymous',
      'question',
      'status',
      'votes',
      'answer',
      'answered_live',
      'pinned',
    ],
    ...questions.map((q) => [
      new Date(q.at).toISOString(),
      q.id,
      q.registrantId,
      q.name,
      String(q.anonymous),
      q.text,
      q.status,
      q.votes,
      q.answer,
      String(q.answeredLive),
      String(q.pinned),
    ]),
  ]);
}
