import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { CreateApiKeyDto } from './api-key.dto';
import { ApiKeyView, ApiKeyWithSecretView, toApiKeyView } from './api-key-views';
import { ApiKeysService } from './api-keys.service';

@ApiTags('integrations')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "The account's API keys, revoked ones last (the keys themselves are never shown again)" })
  @ApiOkResponse({ type: [ApiKeyView] })
  async list(@CurrentUser() admin: AuthUser): Promise<ApiKeyView[]> {
    return (await this.keys.list(admin)).map(toApiKeyView);
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a key with a name and scopes, acting as an organizer of the account (or as you for read:events); the key is in this answer only',
  })
  @ApiCreatedResponse({ type: ApiKeyWithSecretView })
  async create(@CurrentUser() admin: AuthUser, @Body() dto: CreateApiKeyDto): Promise<ApiKeyWithSecretView> {
    const { record, key } = await this.keys.create(admin, dto);
    return { ...toApiKeyView(record), key };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: refused from the next request on' })
  @ApiOkResponse({ type: ApiKeyView })
  async revoke(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('API key')) id: string): Promise<ApiKeyView> {
    return toApiKeyView(await this.keys.revoke(admin, id));
  }
}
