import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { openEventStream } from './event-stream';
import { putWithProgress, UploadNetworkError, type UploadProgress } from './presigned-upload';
import type { components } from './schema';

// The media library's reads and writes: assets, the upload (presigned PUT, else the API's own endpoint), the
// transcoding progress channel, playback tokens.

export type MediaAsset = components['schemas']['MediaAssetView'];
export type MediaAssetState = components['schemas']['MediaAssetState'];
export type MediaFailureCode = components['schemas']['MediaFailureCode'];
export type MediaPlayback = components['schemas']['MediaPlaybackView'];

const TRANSCODING: readonly MediaAssetState[] = ['uploading', 'queued', 'processing'];
export const isTranscoding = (s: MediaAssetState) => TRANSCODING.includes(s);
export const isSettled = (s: MediaAssetState) => s === 'ready' || s === 'failed';

export const mediaAssetsQuery = () =>
  queryOptions({
    queryKey: ['media'],
    queryFn: () => unwrap<MediaAsset[]>(api.GET('/api/media/assets')),
    // the list follows transcodes by polling; an asset's own page has the push channel
    refetchInterval: (q) =>
      q.state.data?.some((a) => a.state === 'queued' || a.state === 'processing') ? 2000 : false,
  });

export const mediaAssetQuery = (id: string) =>
  queryOptions({
    queryKey: ['media', id],
    queryFn: () => unwrap<MediaAsset>(api.GET('/api/media/assets/{id}', { params: { path: { id } } })),
  });

export const mediaPlaybackQuery = (id: string) =>
  queryOptions({
    queryKey: ['media', id, 'playback'],
    queryFn: () => unwrap<MediaPlayback>(api.POST('/api/media/assets/{id}/playback', { params: { path: { id } } })),
    // a playback token lasts minutes: a new one well before the old one runs out
    refetchInterval: (q) => (q.state.data ? q.state.data.expiresIn * 1000 * 0.8 : false),
    staleTime: Infinity,
  });

// 'confirming' keeps the byte totals so the bar stays full while the transcode is queued.
export type UploadPhase = { phase: 'sending' | 'confirming'; progress: UploadProgress };

/**
 * Creates the asset, sends the file with byte progress and queues the transcode; returns the queued asset. The
 * presigned URL goes straight to object storage; when this browser cannot reach it, the API's upload endpoint
 * takes the file instead.
 */
export async function uploadMedia(
  input: { title: string; file: File; eventId: string | null },
  onPhase: (p: UploadPhase) => void,
  signal?: AbortSignal,
): Promise<MediaAsset> {
  const created = await unwrap<components['schemas']['CreatedMediaAssetView']>(
    api.POST('/api/media/assets', {
      body: input.eventId ? { title: input.title, eventId: input.eventId } : { title: input.title },
    }),
  );
  const id = created.id;
  const report = (progress: UploadProgress) => onPhase({ phase: 'sending', progress });
  report({ loaded: 0, total: input.file.size });
  try {
    await putWithProgress(created.upload.presignedUrl, input.file, report, { signal });
  } catch (e) {
    if (!(e instanceof UploadNetworkError)) throw e;
    report({ loaded: 0, total: input.file.size });
    await putWithProgress(created.upload.apiUrl, input.file, report, { bearer: true, signal });
    return unwrap<MediaAsset>(api.GET('/api/media/assets/{id}', { params: { path: { id } } }));
  }
  onPhase({ phase: 'confirming', progress: { loaded: input.file.size, total: input.file.size } });
  return unwrap<MediaAsset>(api.POST('/api/media/assets/{id}/uploaded', { params: { path: { id } } }));
}

/** Follows an asset's transcode over the push channel, keeping the query cache current; returns the stop. */
export function followMediaAsset(id: string, queryClient: QueryClient, onError: (e: unknown) => void): () => void {
  return openEventStream(`/api/media/assets/${encodeURIComponent(id)}/progress`, {
    onEvent: (e) => {
      if (e.event !== 'asset') return;
      const view = JSON.parse(e.data) as MediaAsset;
      queryClient.setQueryData(mediaAssetQuery(id).queryKey, view);
      queryClient.setQueryData(mediaAssetsQuery().queryKey, (list) => list?.map((a) => (a.id === view.id ? view : a)));
    },
    isDone: (e) => e.event === 'asset' && isSettled((JSON.parse(e.data) as MediaAsset).state),
    onError,
  });
}

export const attachMedia = (id: string, eventId: string | null) =>
  unwrap<MediaAsset>(api.PUT('/api/media/assets/{id}/event', { params: { path: { id } }, body: { eventId } }));

export const deleteMedia = (id: string) =>
  unwrap<void>(api.DELETE('/api/media/assets/{id}', { params: { path: { id } } }));
