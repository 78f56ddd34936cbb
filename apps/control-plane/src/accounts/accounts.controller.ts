import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, assertSeatAvailable } from '#domain';
import { AuthUser, CurrentUser, Internal, Roles } from '../auth';
import { AccountSetupService } from './account-setup.service';
import { AccountsRepository } from './accounts.repository';
import { OnboardCustomerDto } from './onboarding.dto';
import { orderTerms } from '../orders/order-terms';

@ApiTags('accounts')
@Controller('api')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly setup: AccountSetupService,
  ) {}

  @Get('account')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({ summary: "The administrator's own account" })
  async account(@CurrentUser() admin: AuthUser) {
    const a = (await this.accounts.findById(admin.accountId))!;
    return { id: a.id, name: a.name, createdAt: a.createdAt.toISOString() };
  }

  @Internal()
  @Post('internal/accounts')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Onboard a customer: account, first order, administrator and named organizers (Bearer INTERNAL_API_TOKEN)',
  })
  async onboard(@Body() dto: OnboardCustomerDto) {
    const order = orderTerms(dto.order);
    // Every organizer takes a seat: the first order must have enough.
    dto.organizers.forEach((_, i) => assertSeatAvailable(i, order.seats));
    const emails = new Set(
      dto.organizers.map((o) => o.email.trim().toLowerCase()).concat(dto.admin.email.trim().toLowerCase()),
    );
    if (emails.size !== dto.organizers.length + 1) {
      throw new DomainError('conflict', 'the same email appears twice; each user is one identity', 'organizers');
    }
    return this.setup.createCustomer({
      accountName: dto.accountName,
      admin: dto.admin,
      order,
      organizers: dto.organizers,
    });
  }
}
