import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { LIVE_QUEUE, LiveJobData, LiveJobResult } from '#contracts';
import { AssetGoneError } from '../vod/hls-key-source';
import type { TranscoderWorker } from '../worker-process';
import { LiveStreamDeps, runLiveStream } from './live-stream';
import { sweepWorkFolders } from './work-folders';

export interface LiveWorkerOptions {
  redisUrl: string;
  redisPrefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

/**
 * The BullMQ worker of the `live` queue. A live job runs as long as the stream. If its worker dies, the job's lock
 * expires and BullMQ's stalled check (short intervals here) hands it to another worker, which resumes the stream;
 * a live job may lose its worker any number of times.
 */
export function createLiveWorker(deps: Omit<LiveStreamDeps, 'redis'>, o: LiveWorkerOptions): TranscoderWorker {
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const state = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  const shutdown = new AbortController();
  // one stop per running job: a job whose lock cannot be renewed (Redis lost it) is stopped, so the job ingest
  // queues again resumes the stream in one worker, never two
  const running = new Map<string, AbortController>();
  const worker = new Worker<LiveJobData, LiveJobResult>(
    LIVE_QUEUE,
    async (job: Job<LiveJobData, LiveJobResult>) => {
      deps.log.debug({ jobId: job.id, eventId: job.data.eventId, attempt: job.attemptsStarted }, 'live job started');
      const stop = new AbortController();
      running.set(job.id!, stop);
      try {
        return await runLiveStream(
          job.data,
          { ...deps, redis: state },
          AbortSignal.any([shutdown.signal, stop.signal]),
        );
      } catch (e) {
        if (e instanceof AssetGoneError) throw new UnrecoverableError(e.message);
        deps.log.warn(
          { jobId: job.id, eventId: job.data.eventId, error: (e as Error).message },
          'live job attempt failed',
        );
        throw e;
      } finally {
        running.delete(job.id!);
      }
    },
    {
      connection,
      prefix: o.redisPrefix,
      concurrency: o.concurrency,
      lockDuration: o.lockDurationMs,
      stalledInterval: o.stalledIntervalMs,
      maxStalledCount: 1000,
    },
  );
  worker.on('error', (e) => deps.log.warn({ error: e.message }, 'live worker error'));
  worker.on('lockRenewalFailed', (jobIds: string[]) => {
    for (const id of jobIds) {
      const stop = running.get(id);
      if (!stop) continue;
      deps.log.warn({ jobId: id }, 'live job lost its lock (Redis lost it?): stopping; the job queued again resumes');
      stop.abort();
    }
  });
  // the local segments of streams whose worker was killed (on this machine, sharing the work dir)
  void sweepWorkFolders(deps.workDir, deps.log);
  return {
    worker,
    redis: connection,
    async close() {
      // stop the streams now: their jobs fail this attempt and another worker resumes them at once
      shutdown.abort();
      await worker.close();
      await connection.quit().catch(() => undefined);
      await state.quit().catch(() => undefined);
    },
  };
}
