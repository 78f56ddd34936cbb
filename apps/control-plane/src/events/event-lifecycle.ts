import { Injectable, Logger } from '@nestjs/common';
import type { EventState } from '#domain';
import type { EventRecord } from './event-record';

export interface EventChangeNotice {
  event: EventRecord;
  /** null when the event was just created. */
  from: EventState | null;
  to: EventState;
  /** The event before this change (absent when it was just created). */
  previous?: EventRecord;
}

export type EventChangeListener = (change: EventChangeNotice) => void | Promise<void>;

// In-process notice of every event change (create, edit, transition), after it is committed. The Redis snapshot
// writer is one listener; the live and media parts add theirs. A failing listener is logged, never propagated.
@Injectable()
export class EventLifecycle {
  private readonly listeners: EventChangeListener[] = [];
  private readonly logger = new Logger('event-lifecycle');

  subscribe(listener: EventChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  async emit(change: EventChangeNotice): Promise<void> {
    await Promise.all(
      this.listeners.map(async (l) => {
        try {
          await l(change);
        } catch (e) {
          this.logger.error({
            msg: 'event change listener failed',
            eventId: change.event.id,
            to: change.to,
            err: e instanceof Error ? e.message : String(e),
          });
        }
      }),
    );
  }
}
