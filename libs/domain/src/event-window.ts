import { DomainError } from './domain-error';
import { MAX_EVENT_DURATION_MS } from './licence-terms';

export interface TimeWindow {
  startsAt: Date;
  endsAt: Date;
}

/** Refuses a schedule that ends before it starts or lasts longer than the terms allow (exactly 8 h is fine). */
export function assertValidEventWindow(window: TimeWindow, maxDurationMs: number = MAX_EVENT_DURATION_MS): void {
  const duration = window.endsAt.getTime() - window.startsAt.getTime();
  if (duration <= 0) throw new DomainError('invalid', 'endsAt must be after startsAt', 'endsAt');
  if (duration > maxDurationMs) {
    throw new DomainError(
      'invalid',
      `an event lasts at most ${formatHours(maxDurationMs)}; this one lasts ${formatHours(duration)}`,
      'endsAt',
    );
  }
}

/** Half-open windows: an event ending at 10:00 and one starting at 10:00 do not overlap. */
export function windowsOverlap(a: TimeWindow, b: TimeWindow): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** When the platform ends a live event on its own: actual start + the cap. */
export function liveCutoff(actualStart: Date, maxDurationMs: number = MAX_EVENT_DURATION_MS): Date {
  return new Date(actualStart.getTime() + maxDurationMs);
}

function formatHours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
