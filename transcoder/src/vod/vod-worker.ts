import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { VOD_QUEUE, VodJobData, VodJobResult } from '#contracts';
import { AssetGoneError } from './hls-key-source';
import { VodTranscodeDeps, UnplayableSourceError, transcodeVodJob } from './vod-transcode';

export interface VodWorkerOptions {
  redisUrl: string;
  redisPrefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/**
 * The BullMQ worker of the `vod` queue. A job whose worker dies (SIGKILL, power loss) loses its lock and is handed
 * to another worker by BullMQ's stalled-job check; close() (on SIGTERM) lets running jobs finish first.
 */
export function createVodWorker(deps: VodTranscodeDeps, o: VodWorkerOptions): Worker<VodJobData, VodJobResult> {
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const log = o.log ?? (() => undefined);
  const worker = new Worker<VodJobData, VodJobResult>(
    VOD_QUEUE,
    async (job: Job<VodJobData, VodJobResult>) => {
      log('vod job started', { jobId: job.id, assetId: job.data.assetId, attempt: job.attemptsStarted });
      try {
        const result = await transcodeVodJob(
          { data: job.data, attempt: job.attemptsStarted, reportProgress: (p) => job.updateProgress(p) },
          deps,
        );
        log('vod job done', { jobId: job.id, assetId: job.data.assetId, ffmpegSeconds: result.ffmpegSeconds });
        return result;
      } catch (e) {
        if (e instanceof UnplayableSourceError || e instanceof AssetGoneError) throw new UnrecoverableError(e.message);
        log('vod job attempt failed', { jobId: job.id, error: (e as Error).message });
        throw e;
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
  worker.on('error', (e) => log('vod worker error', { error: e.message }));
  worker.on('closed', () => connection.disconnect());
  return worker;
}
