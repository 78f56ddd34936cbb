import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { ChatMessage, ChatModerationNotice, ChatSendAnswer, chatModerationChannel } from '#contracts';
import { chatRefusal, checkChatText } from '#domain';
import { checkChatWords } from '#domain/chat-word-filter';
import { ChatEntry, ChatRoom } from '#seat-ledger';
import type { AttendeePolls } from './attendee-polls';
import type { AttendeeQuestions } from './attendee-questions';
import type { AttendeeSocket } from './local-attendees';

/** Only seated attendees of the live phase hear the chat; the room crosses nodes through the Redis adapter. */
export function chatRoomOf(eventId: string): string {
  return `evt:${eventId}:chat`;
}

/** Refusals that pass with time: the attendee is told when to try again. */
const TRY_AGAIN = new Set(['rate-limited', 'slow-mode', 'room-busy', 'timed-out']);

function toMessage(e: ChatEntry): ChatMessage {
  return {
    id: e.id,
    eventId: e.eventId,
    author: { name: e.author.name },
    text: e.text,
    at: new Date(e.at).toISOString(),
  };
}

/** A node's side of the live chat: who may post is decided by the chat script in Redis, never by a node. */
export class AttendeeChat {
  private io?: Server;

  constructor(
    private readonly room: ChatRoom,
    private readonly log: Logger,
    /** Q&A lives in the chat's room: seated with it, told by the same moderation channel. */
    private readonly questions?: AttendeeQuestions,
    /** Polls too. */
    private readonly polls?: AttendeePolls,
  ) {}

  bind(io: Server): void {
    this.io = io;
    this.questions?.bind(io);
    this.polls?.bind(io);
  }

  /**
   * Passes the moderators' notices (hidden, restored, settings) to this node's sockets of the event's room: every
   * node hears the channel, so each tells only its own sockets (`local`), or attendees would hear it once per node.
   */
  async listen(subscriber: Redis, prefix: string): Promise<void> {
    const channel = chatModerationChannel(prefix);
    subscriber.on('message', (ch: string, raw: string) => {
      if (ch !== channel || !this.io) return;
      let n: ChatModerationNotice;
      try {
        n = JSON.parse(raw) as ChatModerationNotice;
      } catch {
        return;
      }
      const room = this.io.local.to(chatRoomOf(n.eventId));
      if (n.type === 'hidden') room.emit('chat:hidden', { eventId: n.eventId, id: n.id });
      else if (n.type === 'restored') room.emit('chat:restored', n.message);
      else if (n.type === 'question') this.questions?.decided(n.question);
      else if (n.type === 'poll-opened') this.polls?.opened(n.poll);
      else if (n.type === 'poll-closed') this.polls?.closed(n.poll, n.results);
      else if (n.type === 'settings') {
        const { slowModeSeconds, paused, linksAllowed } = n;
        room.emit('chat:settings', { eventId: n.eventId, slowModeSeconds, paused, linksAllowed });
      }
    });
    await subscriber.subscribe(channel);
  }

  /** The socket was seated in the live phase: it hears the chat from now on and gets its recent history. */
  seated(s: AttendeeSocket): void {
    if ((s.data.ledgerEvent.phase ?? 'live') !== 'live') return;
    const { eventId } = s.data.joiner;
    void s.join(chatRoomOf(eventId));
    this.questions?.seated(s);
    this.polls?.seated(s);
    this.room.history(eventId).then(
      (entries) => {
        if (s.connected) s.emit('chat:history', { eventId, messages: entries.map(toMessage) });
      },
      (e) => this.log.warn({ err: e, eventId }, 'chat history unavailable'),
    );
    // slow mode or a pause in force: the joiner's client shows it (nothing is sent while neither is on)
    this.room.settings(eventId).then(
      (st) => {
        if (s.connected && (st.paused || st.slowModeSeconds > 0 || st.linksAllowed)) {
          s.emit('chat:settings', { eventId, ...st });
        }
      },
      (e) => this.log.warn({ err: e, eventId }, 'chat settings unavailable'),
    );
  }

  /** The socket lost its seat but stays connected (moved back to the waiting room). */
  unseated(s: AttendeeSocket): void {
    void s.leave(chatRoomOf(s.data.joiner.eventId));
  }

  /** A `chat:send` from the socket, whatever its arguments; answers through the ack when there is one. */
  async send(s: AttendeeSocket, args: unknown[]): Promise<void> {
    // Socket.IO hands the ack over as the last argument, after whatever else a client sent along
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: ChatSendAnswer) => void) : () => {};
    const answer = await this.decide(s, args[0]);
    ack(answer);
  }

  private async decide(s: AttendeeSocket, payload: unknown): Promise<ChatSendAnswer> {
    if (s.data.status !== 'admitted') return chatRefusal('not-seated');
    if ((s.data.ledgerEvent.phase ?? 'live') !== 'live') return chatRefusal('not-live');
    const checked = checkChatText(payload);
    if (!checked.ok) return checked;
    const { eventId, registrantId } = s.data.joiner;
    try {
      const r = await this.room.send(eventId, registrantId, checked.text, checkChatWords(checked.text).held);
      if (!r.ok) {
        const limited = TRY_AGAIN.has(r.reason);
        return chatRefusal(r.reason, limited ? Math.max(1, Math.ceil(r.retryAfterMs / 1000)) : undefined);
      }
      // a held message waits for a moderator: the room hears it only when it is approved (chat:restored)
      if (r.held) return { ok: true, id: r.message.id, held: true };
      this.io?.to(chatRoomOf(eventId)).emit('chat:message', toMessage(r.message));
      return { ok: true, id: r.message.id };
    } catch (e) {
      this.log.warn({ err: e, eventId }, 'chat message failed');
      return chatRefusal('unavailable');
    }
  }
}
