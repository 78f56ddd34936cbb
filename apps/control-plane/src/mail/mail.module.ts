import { Global, Module } from '@nestjs/common';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { EventMailListener } from './event-mail-listener';
import { MailMetrics } from './mail-metrics';
import { MailQueue } from './mail-queue';
import { MAIL_SENDER, mailSenderOf } from './mail-sender';
import { MailWorker } from './mail-worker';
import { OutboxController } from './outbox.controller';
import { RegistrantMailComposer } from './registrant-mail-composer';
import { ReminderReconciler } from './reminder-reconciler';

// Global so the registrations module can queue mails without importing this module (which reads registrations).
@Global()
@Module({
  controllers: [OutboxController],
  providers: [
    MailQueue,
    MailMetrics,
    MailWorker,
    RegistrantMailComposer,
    RegistrationsRepository,
    EventMailListener,
    ReminderReconciler,
    { provide: MAIL_SENDER, inject: [CONFIG], useFactory: (config: ControlPlaneConfig) => mailSenderOf(config) },
  ],
  exports: [MailQueue],
})
export class MailModule {}
