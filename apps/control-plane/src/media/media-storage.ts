import { ObjectStorage } from '#storage';
import type { ControlPlaneConfig } from '../config';

/** Nest provider token and factory for the media bucket (created at start if missing). */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** Playlists, segments and posters are read anonymously (browsers, CDN); sources are not. */
export const PUBLIC_MEDIA_PREFIX = 'vod/';

export function mediaStorageOf(config: ControlPlaneConfig): ObjectStorage {
  return new ObjectStorage({
    endpoint: config.S3_ENDPOINT, accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, bucket: config.S3_BUCKET, region: config.S3_REGION,
    publicBaseUrl: config.S3_PUBLIC_URL,
  });
}
