/**
 * #contracts — what the processes tell each other: the event snapshot (control plane -> Redis -> admission, ingest),
 * the `live` and `vod` BullMQ jobs and their results, the live Redis keys, and the admission Socket.io protocol
 * (shared by admission, bench and the web app). Pure types and constants with no Node import, so a browser bundle
 * can take it too.
 */
export * from './event-snapshot';
export * from './live-job';
export * from './live-keys';
export * from './live-start';
export * from './vod-job';
export * from './admission-protocol';
