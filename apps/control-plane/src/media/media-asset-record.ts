import type { AssetState } from '#domain';

/** The asset state machine is a rule of #domain (asset-state.ts). */
export type MediaAssetState = AssetState;

export interface MediaRenditionRecord {
  name: string;
  width: number | null;
  height: number | null;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  bytes: number;
  playlistKey: string;
}

export interface MediaAssetRecord {
  id: string;
  accountId: string;
  ownerId: string;
  eventId: string | null;
  title: string;
  state: MediaAssetState;
  failureReason: string | null;
  progress: number;
  sourceKey: string;
  sourceBytes: number | null;
  outputPrefix: string;
  attemptPrefix: string | null;
  masterKey: string | null;
  posterKey: string | null;
  durationS: number | null;
  totalBytes: number | null;
  createdAt: Date;
  updatedAt: Date;
  readyAt: Date | null;
}

/** Object keys of an asset: the source, and one folder per transcoding attempt under the output prefix. */
export function assetObjectKeys(assetId: string): { sourceKey: string; outputPrefix: string } {
  return { sourceKey: `sources/${assetId}`, outputPrefix: `vod/${assetId}/` };
}
