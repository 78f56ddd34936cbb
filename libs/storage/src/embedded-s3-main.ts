import { readConfigOrExit } from '#config';
import { createLogger, runProcess } from '#process';
import { startEmbeddedS3 } from './embedded-s3';
import { embeddedS3Settings } from './embedded-s3-settings';

// `npm start` runs this when S3_ENDPOINT is unset: an S3 endpoint on 127.0.0.1 storing under the data folder.
const config = readConfigOrExit(embeddedS3Settings);
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
