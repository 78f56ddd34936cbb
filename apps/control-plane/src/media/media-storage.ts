import { ObjectStorage, storageFromConfig } from '#storage';
import type { ControlPlaneConfig } from '../config';

/** Nest provider token and factory for the media bucket (created at start if missing). */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** Playlists, segments and posters are read anonymously (browsers, CDN); sources are not. */
export const PUBLIC_MEDIA_PREFIX = 'vod/';

export function mediaStorageOf(config: ControlPlaneConfig): ObjectStorage {
  return storageFromConfig(config);
}
