import { join } from 'node:path';
import { env, readConfigOrExit, sharedSettings } from '#config';
import { createLogger, runProcess } from '#process';
import { startEmbeddedS3 } from './embedded-s3';

// `npm start` runs this when S3_ENDPOINT is unset: an S3 endpoint on 127.0.0.1 storing under the data folder.
const config = readConfigOrExit({
  S3_EMBEDDED_PORT: env.port('port of the embedded S3 endpoint', 9000),
  S3_EMBEDDED_DIR: env.string('folder the embedded S3 endpoint stores objects in', join(process.cwd(), '.data', 's3')),
  S3_BUCKET: env.string('bucket for sources, renditions and posters', 'media'),
  LOG_LEVEL: sharedSettings.LOG_LEVEL,
});
const logger = createLogger({ service: 'embedded-s3', level: config.LOG_LEVEL });

runProcess({
  name: 'embedded-s3',
  logger,
  start: async () => {
    const s3 = await startEmbeddedS3({
      dir: config.S3_EMBEDDED_DIR,
      port: config.S3_EMBEDDED_PORT,
      buckets: [config.S3_BUCKET],
    });
    logger.info({ endpoint: s3.endpoint, dir: config.S3_EMBEDDED_DIR }, 'embedded S3 listening');
    return s3;
  },
  stop: (s3) => s3.close(),
});
