import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { POLL_LIMITS, QA_ANSWER_MAX_CHARS, QA_STATUSES } from '#domain';
import { QaStreamEntry, chatKey, parseChatFields, parseQaFields, qaKey } from '#seat-ledger';
import { settleWithin } from '#process';
import type { ControlPlaneConfig } from '../config';
import { isUuid } from '../http/id-param.pipe';
import { CONFIG } from '../infrastructure/di-tokens';
import { ChatRepository, StoredChatMessage } from './chat.repository';
import { QaRepository, StoredQaEntry } from './qa.repository';

const GROUP = 'control-plane';

/** An entry the tables accept: one that does not would fail its whole batch again and again. */
function storable(q: QaStreamEntry): boolean {
  if (!isUuid(q.eventId) || !Number.isFinite(q.at)) return false;
  if (q.type === 'ask') return isUuid(q.registrantId) && [...q.text].length >= 1 && [...q.text].length <= 500;
  if (q.type === 'vote') return isUuid(q.registrantId) && q.questionId.length > 0;
  if (q.type === 'poll-vote') {
    const choices = q.choices;
    const valid = choices.length >= 1 && choices.length <= POLL_LIMITS.maxOptions;
    return isUuid(q.registrantId) && isUuid(q.pollId) && valid && choices.every((c) => Number.isInteger(c) && c >= 0);
  }
  return (QA_STATUSES as readonly string[]).includes(q.status) && [...(q.answer ?? '')].length <= QA_ANSWER_MAX_CHARS;
}
const EVENTS_REFRESH_MS = 5_000;
type StreamBatch = [string, [string, string[] | null][]][] | null;

/**
 * Moves each event's chat and Q&A streams into the database, like the attendance consumer: an entry is acknowledged
 * only after its transaction committed, so a control plane that is down or dies mid-batch loses nothing: its own
 * pending entries are read again at start, and entries another instance left pending too long are claimed. Entries
 * stay in the stream (trimmed by the chat script); which events to follow comes from
 * the database (live, or ended lately), since every event's chat has a stream of its own.
 */
@Injectable()
export class ChatConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('chat');
  private readonly consumer: string;
  private redis?: Redis;
  private running = false;
  private loop?: Promise<void>;
  /** Streams whose group exists and whose pending entries this consumer has read again. */
  private readonly following = new Set<string>();
  private streams: string[] = [];
  private refreshedAt = 0;
  private claimedAt = 0;

  constructor(
    private readonly repository: ChatRepository,
    private readonly questions: QaRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.consumer = config.ATTENDANCE_CONSUMER;
  }

  onApplicationBootstrap(): void {
    // XREADGROUP BLOCK holds its connection, so the consumer has one of its own
    this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 2, connectionName: `chat:${this.consumer}` });
    this.redis.on('error', () => undefined);
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    await settleWithin(this.loop, undefined, 3000);
    this.redis?.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (Date.now() - this.refreshedAt > EVENTS_REFRESH_MS) await this.refresh();
        const keys = this.streams.filter((k) => this.following.has(k));
        if (keys.length === 0) {
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        if (Date.now() - this.claimedAt > this.config.ATTENDANCE_CLAIM_IDLE) {
          this.claimedAt = Date.now();
          await this.claimAbandoned(keys);
        }
        const batch = await this.redis!.xreadgroup(
          'GROUP',
          GROUP,
          this.consumer,
          'COUNT',
          500,
          'BLOCK',
          500,
          'STREAMS',
          ...keys,
          ...keys.map(() => '>'),
        );
        await this.process(batch);
      } catch (e) {
        if (!this.running) break;
        this.logger.warn({ msg: 'chat batch failed; will retry', err: e instanceof Error ? e.message : String(e) });
        // what was read but not stored stays pending: read it again once the group is followed anew
        this.following.clear();
        this.refreshedAt = 0;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Follows the chat streams of the events that may chat; a new one's pending entries are read first. */
  private async refresh(): Promise<void> {
    this.refreshedAt = Date.now();
    const prefix = this.config.REDIS_PREFIX;
    this.streams = (await this.repository.chatEvents()).flatMap((id) => [
      chatKey(prefix, id, 'stream'),
      qaKey(prefix, id, 'stream'),
    ]);
    for (const key of this.streams) {
      if (this.following.has(key) || !this.running) continue;
      try {
        await this.redis!.xgroup('CREATE', key, GROUP, '0');
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // no stream yet: nobody has chatted in that event
        if (/requires the key to exist|no such key/i.test(message)) continue;
        if (!/BUSYGROUP/.test(message)) throw e;
      }
      while (
        this.running &&
        (await this.process(
          await this.redis!.xreadgroup('GROUP', GROUP, this.consumer, 'COUNT', 500, 'STREAMS', key, '0'),
        )) > 0
      );
      this.following.add(key);
    }
  }

  /**
   * Entries another control plane read and never acknowledged move to this one: reading its own pending entries again
   * (id 0) only helps a control plane that comes back under the same name, not one whose host is gone for good.
   */
  private async claimAbandoned(keys: string[]): Promise<void> {
    for (const key of keys) {
      let cursor = '0-0';
      do {
        const [next, entries] = (await this.redis!.xautoclaim(
          key,
          GROUP,
          this.consumer,
          this.config.ATTENDANCE_CLAIM_IDLE,
          cursor,
          'COUNT',
          500,
        )) as [string, [string, string[] | null][]];
        await this.process([[key, entries]]);
        cursor = next;
      } while (cursor !== '0-0' && this.running);
    }
  }

  private async process(batch: StreamBatch): Promise<number> {
    const stored: StoredChatMessage[] = [];
    const asked: StoredQaEntry[] = [];
    let read = 0;
    for (const [key, entries] of batch ?? []) {
      const qa = key.endsWith(':qa:stream');
      for (const [id, fields] of entries) {
        read++;
        if (!fields) continue; // trimmed meanwhile
        if (qa) {
          const q = parseQaFields(fields);
          if (q && storable(q)) asked.push({ ...q, streamId: id });
          else this.logger.warn({ msg: 'Q&A entry skipped: not of this platform', id });
          continue;
        }
        const e = parseChatFields(fields);
        if (!isUuid(e.eventId) || !isUuid(e.registrantId) || !Number.isFinite(e.at) || e.text.length === 0) {
          this.logger.warn({ msg: 'chat entry skipped: not an event/registrant of this platform', id });
          continue;
        }
        stored.push({ ...e, streamId: id });
      }
    }
    if (read === 0) return 0;
    await this.repository.append(stored);
    await this.questions.append(asked);
    const ack = this.redis!.multi();
    for (const [key, entries] of batch ?? []) {
      if (entries.length) ack.xack(key, GROUP, ...entries.map(([id]) => id));
    }
    await ack.exec();
    return read;
  }
}
