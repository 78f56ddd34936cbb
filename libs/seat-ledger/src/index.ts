export * from './ledger-keys';
export * from './seat-ledger';
export * from './attendance-entry';
export * from './chat-room';
export * from './qa-room';
export * from './poll-room';
