import type { OrderView, OrganizerView } from '../../api/console-types';

export interface SeatUse {
  order: OrderView;
  used: number;
  free: number;
}

/** Seats of each order held by active organizers (deactivated ones hold none). */
export function seatUse(orders: readonly OrderView[], organizers: readonly OrganizerView[]): SeatUse[] {
  return orders.map((order) => {
    const used = organizers.filter((o) => o.active && o.orderId === order.id).length;
    return { order, used, free: Math.max(0, order.seats - used) };
  });
}

/** Whether an order is valid at an instant: `active`, `future` or `expired`. */
export function orderValidity(order: OrderView, now = Date.now()): 'active' | 'future' | 'expired' {
  if (now < Date.parse(order.validFrom)) return 'future';
  if (now >= Date.parse(order.validUntil)) return 'expired';
  return 'active';
}
