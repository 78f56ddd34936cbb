import { DomainError } from './domain-error';

// A media asset's life. A source arrives (uploading -> queued); a transcoder reports progress (processing); the asset
// becomes ready or fails; a failed asset takes a new source. A live recording is written while its stream runs, so
// it is handed over from uploading straight to processing when the stream ends; one closed because its live job
// failed is reopened (back to uploading) when the presenter publishes again. Deleting is allowed in any state.

export type AssetState = 'uploading' | 'queued' | 'processing' | 'ready' | 'failed';

export type AssetChange = 'queue' | 'progress' | 'hand-over-recording' | 'reopen-recording' | 'complete' | 'fail';

const CHANGES: Record<AssetChange, { from: readonly AssetState[]; to: AssetState }> = {
  queue: { from: ['uploading', 'failed'], to: 'queued' },
  progress: { from: ['queued', 'processing'], to: 'processing' },
  'hand-over-recording': { from: ['uploading'], to: 'processing' },
  'reopen-recording': { from: ['ready', 'failed'], to: 'uploading' },
  complete: { from: ['queued', 'processing'], to: 'ready' },
  fail: { from: ['queued', 'processing'], to: 'failed' },
};

/** The states a change applies in and the state it leads to: what the conditional UPDATE making it checks. */
export function assetChange(change: AssetChange): { from: readonly AssetState[]; to: AssetState } {
  return CHANGES[change];
}

export function canChangeAsset(state: AssetState, change: AssetChange): boolean {
  return CHANGES[change].from.includes(state);
}

/** A source may be uploaded before processing or after a failure (it then replaces the failed one). */
export function assertAcceptsSource(state: AssetState): void {
  if (!canChangeAsset(state, 'queue')) {
    throw new DomainError(
      'conflict',
      `the asset is ${state}; a source can be uploaded only before processing or after a failure`,
      'state',
    );
  }
}

/** A transcoder may still report on it: its state is worth checking against the queue. */
export function isTranscoding(state: AssetState): boolean {
  return canChangeAsset(state, 'complete');
}

/** The transcode's outcome is known: the asset is ready, or failed with a reason. */
export function isSettled(state: AssetState): boolean {
  return state === 'ready' || state === 'failed';
}

/** Only a ready asset plays, shows its playlists and poster, and can be what an on-demand event shows. */
export function isPlayable(state: AssetState): boolean {
  return state === 'ready';
}

export function assertPlayable(state: AssetState): void {
  if (!isPlayable(state)) throw new DomainError('conflict', `the asset is ${state}, not ready to play`, 'state');
}
