import { Global, Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventListener } from './webhook-event-listener';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookPublisher } from './webhook-publisher';
import { WebhookQueue } from './webhook-queue';
import { WebhookWorker } from './webhook-worker';

// Global so the parts where things happen (registrations, media, live) can publish without importing this module.
@Global()
@Module({
  imports: [AttendanceModule],
  controllers: [WebhookEndpointsController],
  providers: [
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookEndpointsService,
    WebhookEventListener,
    WebhookMetrics,
    WebhookPublisher,
    WebhookQueue,
    WebhookWorker,
  ],
  exports: [WebhookPublisher],
})
export class WebhooksModule {}
