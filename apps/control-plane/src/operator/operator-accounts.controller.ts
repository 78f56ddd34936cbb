import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth';
import { OnboardCustomerDto } from '../accounts/onboarding.dto';
import { CreatedAccountView, OperatorAccountView } from './operator-account-view';
import { OperatorAccountsService } from './operator-accounts.service';

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/operator/accounts')
export class OperatorAccountsController {
  constructor(private readonly accounts: OperatorAccountsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Every customer account: administrators, seats of the orders valid now, events and overage fees this month',
  })
  @ApiOkResponse({ type: [OperatorAccountView] })
  list(): Promise<OperatorAccountView[]> {
    return this.accounts.list();
  }

  @Post()
  @ApiOperation({
    summary:
      'Onboard a customer: account, first order, administrator and named organizers (409 when an e-mail is taken or the seats are too few)',
  })
  @ApiCreatedResponse({ type: CreatedAccountView })
  create(@Body() dto: OnboardCustomerDto): Promise<CreatedAccountView> {
    return this.accounts.create(dto);
  }
}
