import { DomainError } from './domain-error';

export type EventState = 'scheduled' | 'live' | 'ended' | 'cancelled';
/** A live webcast streamed by its presenter, or a recorded video played as a webcast. */
export type EventMode = 'live' | 'on-demand';

const ALLOWED: Record<EventState, readonly EventState[]> = {
  scheduled: ['live', 'cancelled'],
  live: ['ended'],
  ended: [],
  cancelled: [],
};

export function canTransition(from: EventState, to: EventState): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(from: EventState, to: EventState): void {
  if (!canTransition(from, to)) {
    throw new DomainError('conflict', `an event that is ${from} cannot become ${to}`, 'state');
  }
}

/** Only a scheduled event can still be edited. */
export function assertEditable(state: EventState): void {
  if (state !== 'scheduled') {
    throw new DomainError('conflict', `an event that is ${state} can no longer be edited`, 'state');
  }
}
