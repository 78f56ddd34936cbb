import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { QaAskAnswer, QaQuestion, QaUpvoteAnswer, qaQuestionOf } from '#contracts';
import { QaRefusalCode, checkChatText, qaRefusal, qaVisibleTo } from '#domain';
import type { QaRoom } from '#seat-ledger';
import { chatRoomOf } from './attendee-chat';
import type { AttendeeSocket } from './local-attendees';

const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/** Takes the ack Socket.IO hands over as the last argument, whatever else a client sent along. */
function ackOf<T>(args: unknown[]): (a: T) => void {
  return typeof args.at(-1) === 'function' ? (args.pop() as (a: T) => void) : () => {};
}

/**
 * A node's side of live Q&A, in the chat's room (seated attendees of the live phase): who may ask or upvote is
 * decided by the Q&A scripts in Redis, never by a node. Moderators' decisions arrive as notices (AttendeeChat.listen).
 */
export class AttendeeQuestions {
  private io?: Server;

  constructor(
    private readonly room: QaRoom,
    private readonly log: Logger,
  ) {}

  bind(io: Server): void {
    this.io = io;
  }

  /** The socket was seated in the live phase: the board, with its own pending questions and its votes marked. */
  seated(s: AttendeeSocket): void {
    const { eventId, registrantId } = s.data.joiner;
    void (async () => {
      const all = await this.room.board(eventId);
      const shown = all.filter((q) => qaVisibleTo(q.status, q.registrantId === registrantId));
      const voted = await this.room.votedBy(
        eventId,
        registrantId,
        shown.map((q) => q.id),
      );
      const questions = shown.map((q) => ({
        ...qaQuestionOf(eventId, q),
        mine: q.registrantId === registrantId,
        voted: voted.has(q.id),
      }));
      if (s.connected) s.emit('qa:board', { eventId, questions });
    })().catch((e: unknown) => this.log.warn({ err: e, eventId }, 'Q&A board unavailable'));
  }

  /** A moderator's decision, told to this node's sockets of the event (every node hears the notice). */
  decided(q: QaQuestion): void {
    if (q.status === 'pending') return;
    this.io?.local.to(chatRoomOf(q.eventId)).emit('qa:question', q);
  }

  async ask(s: AttendeeSocket, args: unknown[]): Promise<void> {
    const ack = ackOf<QaAskAnswer>(args);
    ack(await this.decideAsk(s, args[0]));
  }

  async upvote(s: AttendeeSocket, args: unknown[]): Promise<void> {
    const ack = ackOf<QaUpvoteAnswer>(args);
    ack(await this.decideUpvote(s, args[0]));
  }

  private refusedBeforeRedis(s: AttendeeSocket) {
    if (s.data.status !== 'admitted') return qaRefusal('not-seated');
    if ((s.data.ledgerEvent.phase ?? 'live') !== 'live') return qaRefusal('not-live');
    return null;
  }

  private async decideAsk(s: AttendeeSocket, payload: unknown): Promise<QaAskAnswer> {
    const early = this.refusedBeforeRedis(s);
    if (early) return early;
    const checked = checkChatText(payload);
    // checkChatText refuses with bad-request, empty, too-long or control-characters: codes Q&A has too
    if (!checked.ok) return qaRefusal(checked.reason as QaRefusalCode);
    const anonymous = (payload as { anonymous?: unknown }).anonymous === true;
    const { eventId, registrantId } = s.data.joiner;
    try {
      const r = await this.room.ask(eventId, registrantId, checked.text, anonymous);
      if (!r.ok) {
        if (r.reason === 'changed') return qaRefusal('unavailable');
        const wait = r.reason === 'rate-limited' || r.reason === 'timed-out';
        return qaRefusal(r.reason, wait ? Math.max(1, Math.ceil(r.retryAfterMs / 1000)) : undefined);
      }
      const question = qaQuestionOf(eventId, r.question);
      // a question waiting for approval reaches only its author (this answer) and the moderators
      if (r.question.status !== 'pending') this.io?.to(chatRoomOf(eventId)).emit('qa:question', question);
      return { ok: true, question: { ...question, mine: true, voted: false } };
    } catch (e) {
      this.log.warn({ err: e, eventId }, 'question failed');
      return qaRefusal('unavailable');
    }
  }

  private async decideUpvote(s: AttendeeSocket, payload: unknown): Promise<QaUpvoteAnswer> {
    const early = this.refusedBeforeRedis(s);
    if (early) return early;
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !STREAM_ID.test(id)) return qaRefusal('unknown-question');
    const { eventId, registrantId } = s.data.joiner;
    try {
      const r = await this.room.upvote(eventId, registrantId, id);
      if (!r.ok) return qaRefusal(r.reason === 'changed' ? 'unavailable' : r.reason);
      this.io?.to(chatRoomOf(eventId)).emit('qa:question', qaQuestionOf(eventId, r.question));
      return { ok: true, id, votes: r.question.votes };
    } catch (e) {
      this.log.warn({ err: e, eventId }, 'upvote failed');
      return qaRefusal('unavailable');
    }
  }
}
