// #ingest: ingest as test harnesses and benchmarks start it in their own process. Apps and libs never import it
// (lint refuses that).
export { IngestServer } from './ingest-server';
export type { IngestOptions } from './ingest-server';
export { ControlPlaneClient } from './control-plane-client';
export { ingestSettings } from './ingest-settings';
export { keepStreamStart } from './keep-stream-start';
export type { NmsBroadcast } from './keep-stream-start';
