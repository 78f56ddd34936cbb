import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { VOD_QUEUE, VodJobData, VodJobResult } from '#contracts';
import { withoutServerPaths } from '#media';
import { Logger, createLogger } from '#process';
import type { TranscoderWorker } from '../worker-process';
import { AssetGoneError } from './hls-key-source';
import { VodTranscodeDeps, UnplayableSourceError, transcodeVodJob } from './vod-transcode';

export interface VodWorkerOptions {
  redisUrl: string;
  redisPrefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  log?: Logger;
}

export interface VodWorker extends TranscoderWorker {
  worker: Worker<VodJobData, VodJobResult>;
}

/**
 * The BullMQ worker of the `vod` queue. A job whose worker dies (SIGKILL, power loss) loses its lock and is handed
 * to another worker by BullMQ's stalled-job check; close() (on SIGTERM) lets running jobs finish first.
 */
export function createVodWorker(deps: VodTranscodeDeps, o: VodWorkerOptions): VodWorker {
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const log = o.log ?? createLogger({ service: 'transcoder', level: 'silent' });
  const worker = new Worker<VodJobData, VodJobResult>(
    VOD_QUEUE,
    async (job: Job<VodJobData, VodJobResult>) => {
      log.debug({ jobId: job.id, assetId: job.data.assetId, attempt: job.attemptsStarted }, 'vod job started');
      try {
        const result = await transcodeVodJob(
          { data: job.data, attempt: job.attemptsStarted, reportProgress: (p) => job.updateProgress(p) },
          deps,
        );
        log.info({ jobId: job.id, assetId: job.data.assetId, ffmpegSeconds: result.ffmpegSeconds }, 'vod job done');
        return result;
      } catch (e) {
        const fields = { jobId: job.id, assetId: job.data.assetId, error: (e as Error).message };
        if (e instanceof UnplayableSourceError || e instanceof AssetGoneError) {
          log.warn(fields, 'vod job failed; not retried');
          throw new UnrecoverableError(withoutServerPaths(e.message));
        }
        if (job.attemptsStarted >= (job.opts.attempts ?? 1)) log.error(fields, 'vod job failed; no attempt left');
        else log.warn(fields, 'vod job attempt failed; it will be retried');
        // the message becomes the job's failure reason, which the uploader reads: the log above keeps the paths
        throw new Error(withoutServerPaths(e instanceof Error ? e.message : String(e)), { cause: e });
      }
    },
    {
      connection,
      prefix: o.redisPrefix,
      concurrency: o.concurrency,
      lockDuration: o.lockDurationMs,
      stalledInterval: o.stalledIntervalMs,
      maxStalledCount: o.maxStalledCount,
    },
  );
  worker.on('error', (e) => log.warn({ error: e.message }, 'vod worker error'));
  worker.on('closed', () => connection.disconnect());
  return { worker, redis: connection, close: () => worker.close() };
}
