import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { LIVE_STATE_TTL_S, LiveJobData, LiveJobResult, liveEndedKey, liveLadderKey, liveWorkerKey } from '#contracts';
import {
  LIVE_MASTER,
  LIVE_PLAYLIST,
  LiveLadder,
  PLAYLIST_TYPE,
  RungProfile,
  buildLiveHlsCommand,
  chooseLiveLadder,
  closeLiveRecording,
  hlsKeyInfo,
  liveMasterPlaylist,
  probeLiveSource,
  spawnTetheredFfmpeg,
  toArgv,
} from '#media';
import type { Logger } from '#process';
import type { ObjectStorage } from '#storage';
import type { HlsKeySource } from '../vod/hls-key-source';
import { RenditionPublisher, loadRecorded } from './rendition-publisher';
import { sweepWorkFolders, workFolderPrefix } from './work-folders';

export interface LiveStreamDeps {
  storage: ObjectStorage;
  redis: Redis;
  redisPrefix: string;
  keys: HlsKeySource;
  workDir: string;
  rungs: RungProfile[];
  preset: string;
  windowSize: number;
  /** How long ffmpeg waits for data before it gives up (the presenter's reconnect grace plus a margin). */
  inputTimeoutMs: number;
  log: Logger;
}

const POLL_MS = 150;
/** The end reason at actual start + cap, as ingest and the control plane name it. */
const CAP_REASON = 'duration-cap';
const END_CHECK_MS = 500;
/** After the end is known, ffmpeg normally sees the stream close; if not, it is stopped after this long. */
const DRAIN_MS = 4000;

/**
 * Runs one event's live stream until it ends: pulls it from ingest, writes the ladder, uploads segments then
 * playlists, and at the end the full recording as VOD playlists. A worker that takes over a stream (the previous
 * one died) continues the same playlists after a discontinuity.
 */
export async function runLiveStream(
  data: LiveJobData,
  deps: LiveStreamDeps,
  shutdown: AbortSignal,
): Promise<LiveJobResult> {
  const { redis, redisPrefix: prefix, log } = deps;
  const startedMs = Date.now();
  const deadline = new Date(data.actualStartAt).getTime() + data.maxDurationMs;
  const workerId = `${hostname()}:${process.pid}`;
  const holderKey = liveWorkerKey(prefix, data.eventId);
  // Taking the stream over: a worker that lost its job lock (but lives) sees another holder and stops writing, so
  // two workers never extend the same playlists.
  await redis.set(holderKey, workerId, 'EX', 10);
  let overtaken = false;
  const heartbeat = async () => {
    const holder = await redis.get(holderKey);
    if (holder && holder !== workerId) overtaken = true;
    else await redis.set(holderKey, workerId, 'EX', 10);
  };
  const beat = setInterval(() => void heartbeat().catch(() => undefined), 2000);
  // a stream taken over may be a killed worker's, whose folder is still here: sweep before writing anew
  await sweepWorkFolders(deps.workDir, log);
  const dir = await mkdtemp(join(deps.workDir, workFolderPrefix(data.eventId)));
  let ffmpegMs = 0;
  let resumes = 0;
  try {
    const key = await deps.keys.keyFor(data.assetId);
    await writeFile(join(dir, 'hls.key'), key, { mode: 0o600 });
    const ladder = await ladderOf(data, deps, () => endReason(redis, prefix, data.eventId, deadline));
    if (!ladder) return finish(data, deps, [], null, 'ended before the stream could be read', 0, 0, startedMs);
    const publishers: RenditionPublisher[] = [];
    for (const r of ladder.renditions) {
      await mkdir(join(dir, r.name), { recursive: true });
      const recorded = await loadRecorded(redis, prefix, data.eventId, r.name);
      publishers.push(
        new RenditionPublisher(
          {
            eventId: data.eventId,
            name: r.name,
            localDir: join(dir, r.name),
            outputPrefix: data.outputPrefix,
            keyUri: data.keyUri,
            windowSize: deps.windowSize,
            segmentSeconds: data.segmentSeconds,
            storage: deps.storage,
            redis,
            redisPrefix: prefix,
          },
          recorded,
        ),
      );
    }
    if (publishers.some((p) => p.recorded.length)) resumes = 1;
    // a stream nothing was recorded of yet starts at media time 0 = the moment it went live (see newRun)
    const freshStream = resumes === 0;
    let masterWritten = false;
    let reason: string | null = null;
    for (let run = 0; reason === null; run++) {
      if (shutdown.aborted) throw new Error('worker shutting down; another worker resumes the stream');
      if (overtaken) throw new Error('another worker took the stream over');
      const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
      // a fresh IV per run: the same key never encrypts two runs' segments with the same IV
      const iv = randomBytes(16).toString('hex'); // ffmpeg reads 32 hex digits, no 0x
      await writeFile(join(dir, 'key.info'), hlsKeyInfo(data.keyUri, join(dir, 'hls.key'), iv));
      for (const p of publishers) p.newRun(run === 0 && freshStream ? Date.parse(data.actualStartAt) : undefined);
      if (run > 0) resumes++;
      const cmd = buildLiveHlsCommand({
        input: data.sourceUrl,
        outDir: dir,
        ladder,
        segmentSeconds: data.segmentSeconds,
        keyInfoFile: join(dir, 'key.info'),
        runId,
        preset: deps.preset,
        inputTimeoutMs: deps.inputTimeoutMs,
      });
      log.debug(
        {
          eventId: data.eventId,
          run,
          runId,
          renditions: ladder.renditions.map((r) => `${r.name}${r.passthrough ? '(copy)' : ''}`),
        },
        'live ffmpeg starting',
      );
      const runStart = Date.now();
      const ff = spawnTetheredFfmpeg(toArgv(cmd));
      let exited = false;
      const exit = ff.exited.then((r) => {
        exited = true;
        return r;
      });
      let lastEndCheck = 0;
      let stopAt = Infinity;
      while (!exited) {
        await Promise.race([sleep(POLL_MS), exit]);
        if (!overtaken) await Promise.all(publishers.map((p) => p.sync()));
        if (!masterWritten && publishers.every((p) => p.recorded.length > 0)) {
          await deps.storage.put(
            `${data.outputPrefix}${LIVE_MASTER}`,
            liveMasterPlaylist(ladder, recordedOf(publishers), LIVE_PLAYLIST, false),
            PLAYLIST_TYPE,
          );
          masterWritten = true;
          log.info({ eventId: data.eventId, master: `${data.outputPrefix}${LIVE_MASTER}` }, 'live playlist available');
        }
        const now = Date.now();
        if (reason === null && now - lastEndCheck >= END_CHECK_MS) {
          lastEndCheck = now;
          reason = await endReason(redis, prefix, data.eventId, deadline);
          if (reason !== null) {
            log.debug({ eventId: data.eventId, reason }, 'live stream ending');
            // at the cap, stop at once; otherwise let ffmpeg finish what ingest already sent
            stopAt = reason === CAP_REASON ? now : now + DRAIN_MS;
          }
        }
        if (shutdown.aborted || overtaken || now >= stopAt) ff.stop();
      }
      const { code, stderrTail } = await exit;
      ffmpegMs += Date.now() - runStart;
      if (overtaken) throw new Error('another worker took the stream over');
      await Promise.all(publishers.map((p) => p.sync()));
      if (reason === null) reason = await endReason(redis, prefix, data.eventId, deadline);
      if (reason === null) {
        log.warn(
          {
            eventId: data.eventId,
            code,
            stderr: stderrTail.slice(-500),
          },
          'live ffmpeg exited while the stream goes on; restarting',
        );
        await sleep(500);
      }
    }
    if (!masterWritten && publishers.every((p) => p.recorded.length > 0)) {
      await deps.storage.put(
        `${data.outputPrefix}${LIVE_MASTER}`,
        liveMasterPlaylist(ladder, recordedOf(publishers), LIVE_PLAYLIST, false),
        PLAYLIST_TYPE,
      );
    }
    return await finish(data, deps, publishers, ladder, reason, ffmpegMs, resumes, startedMs);
  } finally {
    clearInterval(beat);
    await rm(dir, { recursive: true, force: true });
  }
}

async function finish(
  data: LiveJobData,
  deps: LiveStreamDeps,
  publishers: RenditionPublisher[],
  ladder: LiveLadder | null,
  reason: string,
  ffmpegMs: number,
  resumes: number,
  startedMs: number,
): Promise<LiveJobResult> {
  const closed = closeLiveRecording({
    eventId: data.eventId,
    assetId: data.assetId,
    outputPrefix: data.outputPrefix,
    keyUri: data.keyUri,
    segmentSeconds: data.segmentSeconds,
    windowSize: deps.windowSize,
    ladder,
    recorded: recordedOf(publishers),
    endReason: reason,
  });
  for (const o of closed.objects) await deps.storage.put(o.key, o.body, PLAYLIST_TYPE);
  deps.log.info(
    {
      eventId: data.eventId,
      reason,
      durationS: closed.result.durationS,
      resumes,
      wallS: (Date.now() - startedMs) / 1000,
    },
    'live stream finished',
  );
  await deps.redis.expire(liveLadderKey(deps.redisPrefix, data.eventId), LIVE_STATE_TTL_S);
  return { ...closed.result, ffmpegSeconds: ffmpegMs / 1000, resumes };
}

const recordedOf = (publishers: RenditionPublisher[]) => publishers.map((p) => p.recorded);

/** The ladder the first worker chose (kept in Redis), or a new one from probing the stream. Null if it ended first. */
async function ladderOf(
  data: LiveJobData,
  deps: LiveStreamDeps,
  ended: () => Promise<string | null>,
): Promise<LiveLadder | null> {
  const key = liveLadderKey(deps.redisPrefix, data.eventId);
  const saved = await deps.redis.get(key);
  if (saved) return JSON.parse(saved) as LiveLadder;
  for (;;) {
    try {
      const source = await probeLiveSource(data.sourceUrl, 10_000);
      const ladder = chooseLiveLadder(source, deps.rungs);
      // two workers racing on the same event (a stalled lock) must write the same renditions
      await deps.redis.set(key, JSON.stringify(ladder), 'EX', LIVE_STATE_TTL_S, 'NX');
      return JSON.parse((await deps.redis.get(key))!) as LiveLadder;
    } catch (e) {
      if ((await ended()) !== null) return null;
      deps.log.debug({ eventId: data.eventId, error: (e as Error).message }, 'live stream not readable yet; retrying');
      await sleep(1000);
    }
  }
}

async function endReason(redis: Redis, prefix: string, eventId: string, deadline: number): Promise<string | null> {
  if (Date.now() >= deadline) return CAP_REASON;
  return redis.get(liveEndedKey(prefix, eventId));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
