import { readConfigOrExit } from '#config';
import { startEmbeddedS3 } from './embedded-s3';
import { embeddedS3Settings } from './embedded-s3-settings';

// `npm start` runs this when S3_ENDPOINT is unset: an S3 endpoint on 127.0.0.1 storing under the data folder.
const config = readConfigOrExit(embeddedS3Settings);

startEmbeddedS3({ dir: config.S3_EMBEDDED_DIR, port: config.S3_EMBEDDED_PORT, buckets: [config.S3_BUCKET] }).then(
  (s3) => {
    process.stdout.write(
      `${JSON.stringify({ level: 'info', msg: 'embedded S3 listening', endpoint: s3.endpoint, dir: config.S3_EMBEDDED_DIR })}\n`,
    );
    const stop = () => void s3.close().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e: Error) => {
    process.stderr.write(`embedded S3 could not start: ${e.message}\n`);
    process.exit(1);
  },
);
