import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { WebhookEventType } from '#domain';
import type { ControlPlaneConfig } from '../config';
import { EventChangeNotice, EventLifecycle } from '../events/event-lifecycle';
import { CONFIG } from '../infrastructure/di-tokens';
import { eventData } from './webhook-payloads';
import { WebhookPublisher } from './webhook-publisher';
import { WebhookQueue } from './webhook-queue';

/** Which webhook a change of an event is, if any (a re-emitted notice with no change is none). */
export function eventWebhookType(c: EventChangeNotice): WebhookEventType | null {
  if (c.from === null) return 'event.scheduled';
  if (c.to === 'cancelled' && c.from !== 'cancelled') return 'event.cancelled';
  if (c.to === 'live' && c.from !== 'live') return 'event.started';
  if (c.to === 'ended' && c.from !== 'ended') return 'event.ended';
  if (c.previous && c.previous.version !== c.event.version) return 'event.changed';
  return null;
}

// Every change of an event, as the event lifecycle tells it after commit, becomes a webhook; an ended event also
// gets its attendance report, once the last attendance entries have landed.
@Injectable()
export class WebhookEventListener implements OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly lifecycle: EventLifecycle,
    private readonly publisher: WebhookPublisher,
    private readonly queue: WebhookQueue,
  ) {}

  onModuleInit(): void {
    this.lifecycle.subscribe(async (change) => {
      const type = eventWebhookType(change);
      if (!type) return;
      const { event } = change;
      await this.publisher.publishQuietly(event.accountId, type, `${event.id}:${event.version}`, eventData(event));
      if (type === 'event.ended') await this.queue.reportReadyLater(event.id, this.config.WEBHOOK_REPORT_DELAY);
    });
  }
}
