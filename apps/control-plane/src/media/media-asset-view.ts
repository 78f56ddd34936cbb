import { isPlayable } from '#domain';
import type { ObjectStorage } from '#storage';
import type { MediaAssetRecord, MediaAssetState, MediaRenditionRecord } from './media-asset-record';
import { MediaFailureCode, mediaFailureCode } from './media-failure-code';

export interface MediaAssetView {
  id: string;
  title: string;
  state: MediaAssetState;
  /** 0-100 while processing; 100 when ready. */
  progress: number;
  failureReason: string | null;
  /** The kind of failure, for a reason in the viewer's language. */
  failureCode: MediaFailureCode | null;
  eventId: string | null;
  sourceBytes: number | null;
  durationS: number | null;
  totalBytes: number | null;
  /** Public URL of the master playlist in object storage (segments are AES-128: useless without a key). */
  masterUrl: string | null;
  posterUrl: string | null;
  renditions: Array<{
    name: string;
    width: number | null;
    height: number | null;
    bandwidth: number;
    averageBandwidth: number;
    codecs: string;
    bytes: number;
  }>;
  createdAt: string;
  readyAt: string | null;
}

export function toMediaAssetView(
  a: MediaAssetRecord,
  renditions: MediaRenditionRecord[],
  storage: ObjectStorage,
): MediaAssetView {
  const ready = isPlayable(a.state);
  return {
    id: a.id,
    title: a.title,
    state: a.state,
    progress: a.progress,
    failureReason: a.failureReason,
    failureCode: mediaFailureCode(a.failureReason),
    eventId: a.eventId,
    sourceBytes: a.sourceBytes,
    durationS: a.durationS,
    totalBytes: a.totalBytes,
    masterUrl: ready && a.masterKey ? storage.publicUrl(a.masterKey) : null,
    posterUrl: ready && a.posterKey ? storage.publicUrl(a.posterKey) : null,
    renditions: renditions.map(({ playlistKey: _, ...r }) => r),
    createdAt: a.createdAt.toISOString(),
    readyAt: a.readyAt ? a.readyAt.toISOString() : null,
  };
}
