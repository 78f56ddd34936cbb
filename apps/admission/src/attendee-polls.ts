import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { LivePoll, PollResults, PollVoteAnswer } from '#contracts';
import { POLL_LIMITS, checkPollVote, pollRefusal } from '#domain';
import type { LivePollEntry, PollCounts, PollRoom } from '#seat-ledger';
import { chatRoomOf } from './attendee-chat';
import type { AttendeeSocket } from './local-attendees';

function livePoll(eventId: string, p: LivePollEntry): LivePoll {
  return { id: p.id, eventId, question: p.question, options: p.options, multiple: p.multiple, results: p.results };
}

function resultsOf(eventId: string, pollId: string, c: PollCounts): PollResults {
  return { eventId, pollId, counts: c.counts, voters: c.voters };
}

/**
 * A node's side of live polls, in the chat's room (seated attendees of the live phase): whether a vote counts is
 * decided by the poll script in Redis, never by a node. Results are not sent per vote: every second the node reads
 * the counts of the open polls of the events it has attendees of, and tells its own sockets those that changed, so
 * an attendee hears about a poll at most once a second however fast votes come. Opening and closing arrive as
 * notices (AttendeeChat.listen).
 */
export class AttendeePolls {
  private io?: Server;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  /** Events this node seated attendees of, until their room here is empty. */
  private readonly events = new Set<string>();
  /** What this node last told its sockets of each poll shown live (JSON of its counts). */
  private readonly told = new Map<string, string>();

  constructor(
    private readonly room: PollRoom,
    private readonly log: Logger,
    private readonly everyMs: number = POLL_LIMITS.resultsEveryMs,
  ) {}

  bind(io: Server): void {
    this.io = io;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The socket was seated in the live phase: the open polls, whether it voted, and the counts of those shown live. */
  seated(s: AttendeeSocket): void {
    const { eventId, registrantId } = s.data.joiner;
    this.events.add(eventId);
    void (async () => {
      const open = await this.room.openPolls(eventId);
      const voted = await this.room.votedBy(
        eventId,
        registrantId,
        open.map((p) => p.id),
      );
      const shown = open.filter((p) => p.results === 'live');
      const counts = await this.room.counts(
        eventId,
        shown.map((p) => ({ id: p.id, options: p.options.length })),
      );
      const polls = open.map((p) => ({ ...livePoll(eventId, p), voted: voted.has(p.id) }));
      const results = [...counts].map(([id, c]) => resultsOf(eventId, id, c));
      if (s.connected) s.emit('poll:board', { eventId, polls, results });
    })().catch((e: unknown) => this.log.warn({ err: e, eventId }, 'polls unavailable'));
  }

  /** The organizer opened a poll (every node hears the notice and tells its own sockets). */
  opened(poll: LivePoll): void {
    this.io?.local.to(chatRoomOf(poll.eventId)).emit('poll:opened', poll);
  }

  /** The organizer closed a poll: its final counts, to everyone, whatever its results mode. */
  closed(poll: LivePoll, results: PollResults): void {
    this.told.delete(poll.id);
    this.io?.local.to(chatRoomOf(poll.eventId)).emit('poll:closed', { poll, results });
  }

  async vote(s: AttendeeSocket, args: unknown[]): Promise<void> {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: PollVoteAnswer) => void) : () => {};
    ack(await this.decide(s, args[0]));
  }

  private async decide(s: AttendeeSocket, payload: unknown): Promise<PollVoteAnswer> {
    if (s.data.status !== 'admitted') return pollRefusal('not-seated');
    if ((s.data.ledgerEvent.phase ?? 'live') !== 'live') return pollRefusal('not-live');
    const checked = checkPollVote(payload);
    if (!checked.ok) return pollRefusal(checked.reason);
    const { eventId, registrantId } = s.data.joiner;
    try {
      const r = await this.room.vote(eventId, registrantId, checked.pollId, checked.choices);
      return r.ok ? { ok: true } : pollRefusal(r.reason);
    } catch (e) {
      this.log.warn({ err: e, eventId }, 'poll vote failed');
      return pollRefusal('unavailable');
    }
  }

  /** One read of the open polls' counts per event this node has attendees of; emits only what changed. */
  private async tick(): Promise<void> {
    if (this.ticking || !this.io) return;
    this.ticking = true;
    try {
      for (const eventId of [...this.events]) {
        const room = chatRoomOf(eventId);
        if (!this.io.of('/').adapter.rooms.get(room)?.size) {
          this.events.delete(eventId);
          continue;
        }
        try {
          const shown = (await this.room.openPolls(eventId)).filter((p) => p.results === 'live');
          const counts = await this.room.counts(
            eventId,
            shown.map((p) => ({ id: p.id, options: p.options.length })),
          );
          for (const [pollId, c] of counts) {
            const now = JSON.stringify(c);
            if (this.told.get(pollId) === now) continue;
            this.told.set(pollId, now);
            this.io.local.to(room).emit('poll:results', resultsOf(eventId, pollId, c));
          }
        } catch (e) {
          this.log.warn({ err: e, eventId }, 'poll results unavailable');
        }
      }
    } finally {
      this.ticking = false;
    }
  }
}
