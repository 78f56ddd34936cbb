import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { UsageQuery } from './usage.dto';
import { AccountUsageView } from './usage-view';
import { UsageService } from './usage.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/account')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('usage')
  @Roles('admin')
  @ApiOperation({
    summary:
      "The account's events of a month (UTC) with each one's peak and overage fee = max(0, peak − (limit + buffer)) × rate",
  })
  @ApiOkResponse({ type: AccountUsageView })
  account(@CurrentUser() admin: AuthUser, @Query() query: UsageQuery): Promise<AccountUsageView> {
    return this.usage.accountUsage(admin, query.month);
  }
}
