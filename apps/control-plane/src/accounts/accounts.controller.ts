import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Internal, Roles } from '../auth';
import { AccountSetupService } from './account-setup.service';
import { AccountView, OnboardedCustomerView } from './account-views';
import { AccountsRepository } from './accounts.repository';
import { OnboardCustomerDto } from './onboarding.dto';

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
  @ApiOkResponse({ type: AccountView })
  async account(@CurrentUser() admin: AuthUser): Promise<AccountView> {
    const a = (await this.accounts.findById(admin.accountId))!;
    return { id: a.id, name: a.name, createdAt: a.createdAt.toISOString() };
  }

  @Internal()
  @Post('internal/accounts')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Onboard a customer: account, first order, administrator and named organizers (Bearer INTERNAL_API_TOKEN)',
  })
  @ApiCreatedResponse({ type: OnboardedCustomerView })
  async onboard(@Body() dto: OnboardCustomerDto): Promise<OnboardedCustomerView> {
    const c = await this.setup.onboard(dto);
    return { accountId: c.accountId, orderId: c.orderId, adminId: c.adminId, organizerIds: c.organizerIds };
  }
}
