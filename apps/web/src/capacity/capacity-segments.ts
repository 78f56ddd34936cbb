// The capacity gauge's arithmetic, kept apart from the component so it is unit tested: how the seats in use split
// into the order's included seats, the free buffer and billable overage, each as a share of the bar.

export interface CapacityFigures {
  limit: number;
  bufferSeats: number;
  /** null = no cap (`bill` policy without a cap); 0 for a `block` order. */
  overageCap: number | null;
  included: number;
  buffer: number;
  overage: number;
}

export interface CapacitySegment {
  tier: 'included' | 'buffer' | 'overage';
  /** Seats of this tier in use now. */
  inUse: number;
  /** Seats this tier can hold (null: no cap). */
  capacity: number | null;
  /** Width in the bar, 0–100, the three adding up to at most 100. */
  percent: number;
}

/**
 * The bar spans limit + buffer + the overage cap. Without a cap, the overage part is drawn as wide as the buffer,
 * or as the overage in use when that is more, so that it stays visible and readable.
 */
export function capacitySegments(c: CapacityFigures): CapacitySegment[] {
  const overageRoom = c.overageCap ?? Math.max(c.bufferSeats, c.overage);
  const span = c.limit + c.bufferSeats + overageRoom;
  const pct = (n: number) => (span === 0 ? 0 : (n / span) * 100);
  return [
    { tier: 'included', inUse: c.included, capacity: c.limit, percent: pct(c.included) },
    { tier: 'buffer', inUse: c.buffer, capacity: c.bufferSeats, percent: pct(c.buffer) },
    { tier: 'overage', inUse: c.overage, capacity: c.overageCap, percent: pct(c.overage) },
  ];
}
