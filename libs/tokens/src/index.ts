export * from './join-token';
export * from './playback-token';
