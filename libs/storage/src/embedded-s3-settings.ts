import { join } from 'node:path';
import { documentedAs, env, sharedSettings } from '#config';

// The embedded S3 endpoint `npm start` runs when S3_ENDPOINT is unset (embedded-s3-main.ts).
export const embeddedS3Settings = {
  S3_EMBEDDED_PORT: env.port('port of the embedded S3 endpoint', 9000),
  S3_EMBEDDED_DIR: documentedAs(
    '<working folder>/.data/s3',
    env.string('folder the embedded S3 endpoint stores objects in', join(process.cwd(), '.data', 's3')),
  ),
  S3_BUCKET: env.string('bucket for sources, renditions and posters', 'media'),
  LOG_LEVEL: sharedSettings.LOG_LEVEL,
};
