import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventLifecycle } from '../events/event-lifecycle';
import { MailQueue } from './mail-queue';

// A rescheduled event moves its reminders and tells its registrants; a cancelled one drops them and tells them too.
@Injectable()
export class EventMailListener implements OnModuleInit {
  constructor(
    private readonly lifecycle: EventLifecycle,
    private readonly mail: MailQueue,
  ) {}

  onModuleInit(): void {
    this.lifecycle.subscribe(async ({ event, from, to, previous }) => {
      if (to === 'cancelled' && from !== 'cancelled') return this.mail.eventCancelled(event);
      const moved =
        previous &&
        from === 'scheduled' &&
        to === 'scheduled' &&
        (previous.startsAt.getTime() !== event.startsAt.getTime() ||
          previous.endsAt.getTime() !== event.endsAt.getTime());
      if (moved) await this.mail.eventChanged(event, previous);
    });
  }
}
