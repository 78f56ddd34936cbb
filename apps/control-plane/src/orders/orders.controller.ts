import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { OrderDto } from './order.dto';
import { OrderView, toOrderView } from './order-view';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: "The account's orders (licences)" })
  @ApiOkResponse({ type: [OrderView] })
  async list(@CurrentUser() admin: AuthUser): Promise<OrderView[]> {
    return (await this.orders.list(admin)).map(toOrderView);
  }

  // Declared before ':id' so Express tries it first.
  @Get('mine')
  @Roles('organizer')
  @ApiOperation({
    summary: "The order whose seat you hold: its attendee limit and validity bound your events (the console's form)",
  })
  @ApiOkResponse({ type: OrderView })
  async mine(@CurrentUser() organizer: AuthUser): Promise<OrderView> {
    return toOrderView(await this.orders.ofOrganizer(organizer));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order of the account' })
  @ApiOkResponse({ type: OrderView })
  async get(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('order')) id: string): Promise<OrderView> {
    return toOrderView(await this.orders.get(admin, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Record a new order: seats, attendee limit (1..5000), overage rate and policy, optional cap, validity',
  })
  @ApiCreatedResponse({ type: OrderView })
  async create(@CurrentUser() admin: AuthUser, @Body() dto: OrderDto): Promise<OrderView> {
    return toOrderView(await this.orders.create(admin, dto));
  }

  @Put(':id')
  @ApiOperation({ summary: "Replace an order's terms (seats never below the organizers holding them)" })
  @ApiOkResponse({ type: OrderView })
  async update(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('order')) id: string,
    @Body() dto: OrderDto,
  ): Promise<OrderView> {
    return toOrderView(await this.orders.update(admin, id, dto));
  }
}
