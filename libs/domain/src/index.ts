export * from './licence-terms';
export * from './domain-error';
export * from './attendance-buffer';
export * from './admission-tier';
export * from './overage-fee';
export * from './event-window';
export * from './event-state';
export * from './organizer-identity';
