import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { CreateWebhookEndpointDto, DeliveryListQuery, UpdateWebhookEndpointDto } from './webhook.dto';
import {
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecretView,
  toDeliveryView,
  toEndpointView,
} from './webhook-views';

@ApiTags('integrations')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/webhooks')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @ApiOperation({ summary: "The account's webhook endpoints (their secrets are never listed)" })
  @ApiOkResponse({ type: [WebhookEndpointView] })
  async list(@CurrentUser() admin: AuthUser): Promise<WebhookEndpointView[]> {
    return (await this.endpoints.list(admin)).map(toEndpointView);
  }

  @Post()
  @ApiOperation({
    summary:
      'Add an endpoint: https URL (no loopback or private address unless the operator allows them), event types; answers with the signing secret, shown this once',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretView })
  async create(
    @CurrentUser() admin: AuthUser,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretView> {
    const e = await this.endpoints.create(admin, dto);
    return { ...toEndpointView(e), secret: e.secret };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint' })
  @ApiOkResponse({ type: WebhookEndpointView })
  async get(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('webhook endpoint')) id: string) {
    return toEndpointView(await this.endpoints.get(admin, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, the event types, or pause and resume (resuming clears the failing state)' })
  @ApiOkResponse({ type: WebhookEndpointView })
  async update(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('webhook endpoint')) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointView> {
    return toEndpointView(await this.endpoints.update(admin, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its delivery log' })
  @ApiNoContentResponse()
  async delete(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('webhook endpoint')) id: string) {
    await this.endpoints.delete(admin, id);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the signing secret: the new one, shown this once, signs every delivery from now' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretView })
  async rotate(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('webhook endpoint')) id: string,
  ): Promise<WebhookEndpointWithSecretView> {
    const e = await this.endpoints.rotateSecret(admin, id);
    return { ...toEndpointView(e), secret: e.secret };
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'The delivery log, newest first: each delivery with every attempt (time, status, duration)',
  })
  @ApiOkResponse({ type: [WebhookDeliveryView] })
  async deliveries(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('webhook endpoint')) id: string,
    @Query() query: DeliveryListQuery,
  ): Promise<WebhookDeliveryView[]> {
    return (await this.endpoints.deliveriesOf(admin, id, query.limit ?? 50)).map(({ d, attempts }) =>
      toDeliveryView(d, attempts),
    );
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a webhook.test message now (its delivery appears in the log)' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  async test(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('webhook endpoint')) id: string) {
    return toDeliveryView(await this.endpoints.sendTest(admin, id), []);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send one delivery again, with the same webhook-id' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  async replay(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('webhook endpoint')) id: string,
    @Param('deliveryId') deliveryId: string,
  ) {
    return toDeliveryView(await this.endpoints.replay(admin, id, deliveryId), []);
  }
}
