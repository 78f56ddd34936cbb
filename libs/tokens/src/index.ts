export * from './token-kind';
export * from './access-token';
export * from './join-token';
export * from './playback-token';
export * from './viewer-token';
export * from './stage-playback-token';
