import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainError, simuliveEnd, simuliveShouldOpen } from '#domain';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { EventAssetsRepository } from './event-assets.repository';
import type { EventRecord } from './event-record';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/**
 * Opens simulive events at their start time and ends them when their video does. Every control plane runs it: the
 * state transitions are compare-and-set, so two instances opening the same event make one transition, and a
 * control plane that was down catches up on its first sweep.
 */
@Injectable()
export class SimuliveScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('simulive');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly events: EventsService,
    private readonly records: EventsRepository,
    private readonly eventAssets: EventAssetsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.SIMULIVE_SWEEP_INTERVAL);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; a pass still running (a slow database) is not overlapped by the next tick. */
  async sweep(now: Date = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const event of await this.records.listSimuliveDue(now)) {
        await this.step(event, now).catch((e) => this.report(event, e));
      }
    } catch (e) {
      this.logger.error({ msg: 'simulive sweep failed', err: (e as Error).message });
    } finally {
      this.running = false;
    }
  }

  private async step(event: EventRecord, now: Date): Promise<void> {
    if (simuliveShouldOpen(event, now)) {
      // No ready video yet: it stays scheduled and opens as soon as one is (the console says so meanwhile).
      if (!(await this.eventAssets.newestReadyAsset(event.id))) return;
      const opened = await this.events.markLive(event.id, now);
      this.logger.log({ msg: 'simulive event opened', eventId: opened.id });
      return;
    }
    if (event.state !== 'live' || !event.actualStartAt) return;
    const video = await this.eventAssets.newestReadyAsset(event.id);
    const end = simuliveEnd(event.actualStartAt, video?.durationS ?? 0, this.config.EVENT_MAX_DURATION);
    if (now < end.at) return;
    await this.events.markEnded(event.id, end.reason, now);
    this.logger.log({ msg: 'simulive event ended', eventId: event.id, reason: end.reason });
  }

  private report(event: EventRecord, e: unknown): void {
    // a conflict is another instance that moved first, or the organizer's other live event: said once per sweep
    const level = e instanceof DomainError && e.kind === 'conflict' ? 'warn' : 'error';
    this.logger[level]({ msg: 'simulive step refused', eventId: event.id, err: (e as Error).message });
  }
}
