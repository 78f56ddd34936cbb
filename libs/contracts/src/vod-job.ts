// What the control plane puts on the `vod` queue and what a transcoder returns (BullMQ job data / return value).
// Neither carries the AES key: the worker fetches it from the control plane's internal key endpoint.

export const VOD_QUEUE = 'vod';

export interface VodJobData {
  assetId: string;
  /** Object key of the uploaded source. */
  sourceKey: string;
  /** Every attempt writes under `${outputPrefix}${attemptId}/`; the asset points at the prefix of the attempt that completed. */
  outputPrefix: string;
  /** Written into every playlist's EXT-X-KEY: where players fetch the key (the control plane's key server). */
  keyUri: string;
}

export interface VodRenditionResult {
  name: string;
  width?: number;
  height?: number;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string[];
  bytes: number;
  playlistKey: string;
}

export interface VodJobResult {
  attemptPrefix: string;
  masterKey: string;
  posterKey?: string;
  durationS: number;
  renditions: VodRenditionResult[];
  totalBytes: number;
  /** Seconds spent inside ffmpeg (the rest of the job is download, probe and upload). */
  ffmpegSeconds: number;
}

/** BullMQ job progress the worker reports: a whole percent. */
export type VodJobProgress = number;
