import { ObjectStorage, storageFromConfig } from '#storage';
import { publicBaseUrl } from '../http/public-base-url';
import type { ControlPlaneConfig } from '../config';

/** Nest provider token and factory for the media bucket (created at start if missing). */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** Playlists, segments and posters are read anonymously (browsers, CDN); sources are not. */
export const PUBLIC_MEDIA_PREFIX = 'vod/';

export function mediaStorageOf(config: ControlPlaneConfig): ObjectStorage {
  // the web app's own origin, and any other origin the operator lets play (an embedding site)
  // (read when the bucket is created; with PORT=0 and no PUBLIC_BASE_URL the own origin may not be known yet, and
  // only then, on a development or test port, does the bucket answer any origin)
  return storageFromConfig(config, () =>
    !config.PUBLIC_BASE_URL && config.PORT === 0
      ? []
      : [new URL(publicBaseUrl(config)).origin, ...config.S3_CORS_ORIGINS],
  );
}
