// #transcoder: the vod and live workers as test harnesses and benchmarks run them in their own process. Apps and
// libs never import it (lint refuses that): they hand work to the transcoders through BullMQ.
export { createVodWorker } from './vod/vod-worker';
export { ControlPlaneKeySource } from './vod/hls-key-source';
export type { HlsKeySource } from './vod/hls-key-source';
export { vodSettings } from './vod/vod-settings';
export { runLiveStream } from './live/live-stream';
export type { LiveStreamDeps } from './live/live-stream';
export { liveSettings } from './live/live-settings';
