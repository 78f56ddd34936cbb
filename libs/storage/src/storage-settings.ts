import { ConfigOf, env } from '#config';
import { ObjectStorage } from './object-storage';

// The env variables of every process that reads or writes media objects (control plane, transcoder).
export const storageSettings = {
  S3_ENDPOINT: env.url(
    'S3 endpoint for media objects (MinIO, AWS); `npm start` runs an embedded one when unset',
    ['http', 'https'],
    'http://127.0.0.1:9000',
  ),
  // no defaults: a deployment that forgot its keys stops with one line naming them; `npm start` passes the embedded
  // endpoint's fixed pair (S3RVER/S3RVER) when it runs that endpoint
  S3_ACCESS_KEY: env.string("S3 access key (npm start sets the embedded endpoint's)"),
  S3_SECRET_KEY: { ...env.string("S3 secret key (npm start sets the embedded endpoint's)"), sensitive: true },
  S3_BUCKET: env.string('bucket for sources, renditions and posters (created at start if missing)', 'media'),
  S3_REGION: env.string('S3 region', 'us-east-1'),
  S3_PUBLIC_URL: env.optionalUrl(
    'base URL browsers fetch playlists, segments and posters from (a CDN, or S3_ENDPOINT/S3_BUCKET as reachable from outside); unset = S3_ENDPOINT/S3_BUCKET',
    ['http', 'https'],
  ),
};

/** The ObjectStorage a process's validated storage settings describe (CORS origins for the bucket it may create). */
export function storageFromConfig(
  c: ConfigOf<typeof storageSettings>,
  corsOrigins: () => readonly string[] = () => [],
): ObjectStorage {
  return new ObjectStorage({
    endpoint: c.S3_ENDPOINT,
    accessKey: c.S3_ACCESS_KEY,
    secretKey: c.S3_SECRET_KEY,
    bucket: c.S3_BUCKET,
    region: c.S3_REGION,
    publicBaseUrl: c.S3_PUBLIC_URL,
    corsOrigins,
  });
}
