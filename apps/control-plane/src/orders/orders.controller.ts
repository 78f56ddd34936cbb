import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { OrderDto } from './order.dto';
import { toOrderView } from './order-view';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: "The account's orders (licences)" })
  async list(@CurrentUser() admin: AuthUser) {
    return (await this.orders.list(admin)).map(toOrderView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order of the account' })
  async get(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('order')) id: string) {
    return toOrderView(await this.orders.get(admin, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Record a new order: seats, attendee limit (1..5000), overage rate and policy, optional cap, validity',
  })
  async create(@CurrentUser() admin: AuthUser, @Body() dto: OrderDto) {
    return toOrderView(await this.orders.create(admin, dto));
  }

  @Put(':id')
  @ApiOperation({ summary: "Replace an order's terms (seats never below the organizers holding them)" })
  async update(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('order')) id: string, @Body() dto: OrderDto) {
    return toOrderView(await this.orders.update(admin, id, dto));
  }
}
