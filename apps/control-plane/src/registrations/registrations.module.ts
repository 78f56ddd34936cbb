import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module';
import { csvBody } from '../http/csv-body';
import { RegistrationRateLimiter } from './registration-rate-limiter';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [ChatModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationsService, RegistrationRateLimiter],
  exports: [RegistrationsRepository],
})
export class RegistrationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(csvBody()).forRoutes({ path: 'api/events/:id/registrations/import', method: RequestMethod.POST });
  }
}
