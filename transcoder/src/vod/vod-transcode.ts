import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FfmpegFailedError,
  Ladder,
  MediaRunner,
  SourceInfo,
  UnplayableMediaError,
  buildMasterPlaylist,
  buildPosterCommand,
  buildVodHlsCommand,
  chooseLadder,
  hlsKeyInfo,
  measureBandwidth,
  parseMediaPlaylist,
  probeSource,
  renditionNames,
} from '#media';
import { VodJobData, VodJobResult, VodRenditionResult } from '#contracts';
import { ObjectStorage } from '#storage';
import { HlsKeySource } from './hls-key-source';
import { HlsUploader } from './hls-uploader';

export interface VodTranscodeDeps {
  storage: ObjectStorage;
  runner: MediaRunner;
  keys: HlsKeySource;
  workDir: string;
  segmentSeconds: number;
  preset: string;
  uploadParallelism: number;
}

export interface VodJobHandle {
  data: VodJobData;
  /** 1-based number of this attempt (BullMQ's attemptsStarted), part of the attempt's output prefix. */
  attempt: number;
  reportProgress(percent: number): Promise<void> | void;
}

/** Reported back as the job's failure reason; the worker turns it into BullMQ's UnrecoverableError (no retry). */
export class UnplayableSourceError extends Error {}

// The output may be a little shorter than the container says (audio priming, a last partial frame); much shorter
// means the source's media data ends early (a truncated file whose index survived).
const MIN_OUTPUT_SHARE = 0.9;

/**
 * One attempt of a vod job: download → probe → ladder → poster → encrypted HLS → master playlist → upload, all
 * under a prefix of this attempt's own, so what a killed or failed attempt wrote is never what the asset points at.
 */
export async function transcodeVodJob(job: VodJobHandle, deps: VodTranscodeDeps): Promise<VodJobResult> {
  const { data } = job;
  const attemptPrefix = `${data.outputPrefix}${job.attempt}-${randomBytes(4).toString('hex')}/`;
  const dir = await mkdtemp(join(deps.workDir, `vod-${data.assetId.slice(0, 8)}-`));
  let wroteObjects = false;
  let uploader: HlsUploader | undefined;
  try {
    const sourcePath = join(dir, 'source');
    await deps.storage.download(data.sourceKey, sourcePath).catch((e: { code?: string }) => {
      // deleted while queued: no retry will bring it back
      if (e.code === 'NoSuchKey' || e.code === 'NotFound') {
        throw new UnplayableSourceError(
          'The uploaded file is no longer in storage (the asset was deleted or replaced).',
        );
      }
      throw e;
    });
    const source = await probeOrRefuse(sourcePath);
    const ladder = chooseLadder(source);
    await job.reportProgress(1);

    const outDir = join(dir, 'out');
    await mkdir(outDir);
    const keyPath = join(dir, 'hls.key');
    await writeFile(keyPath, await deps.keys.keyFor(data.assetId), { mode: 0o600 });
    await writeFile(join(dir, 'key.info'), hlsKeyInfo(data.keyUri, keyPath));

    // From here on this attempt writes objects: segments go up while ffmpeg encodes the next ones.
    wroteObjects = true;
    uploader = new HlsUploader(deps.storage, outDir, attemptPrefix, deps.uploadParallelism);
    uploader.start();
    const started = process.hrtime.bigint();
    let ffmpegSeconds = 0;
    const ladderDone = runOrRefuse(
      deps.runner,
      buildVodHlsCommand({
        input: sourcePath,
        inputFormat: source.formatName,
        outDir,
        ladder,
        segmentSeconds: deps.segmentSeconds,
        keyInfoFile: join(dir, 'key.info'),
        preset: deps.preset,
      }),
      source,
      (p) => job.reportProgress(Math.max(1, Math.min(95, Math.round(p * 0.95)))),
    ).then(() => {
      ffmpegSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    });
    // the poster is made alongside the ladder and goes up at once, so the organizer's UI can show it meanwhile
    const posterKey = source.video ? `${attemptPrefix}poster.jpg` : undefined;
    const posterDone = posterKey
      ? deps.runner
          .run(buildPosterCommand(sourcePath, join(dir, 'poster.jpg'), source))
          .then(() => deps.storage.putFile(posterKey, join(dir, 'poster.jpg'), 'image/jpeg'))
      : Promise.resolve();
    const settled = await Promise.allSettled([ladderDone, posterDone]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    const renditions = await describeRenditions(outDir, ladder, attemptPrefix);
    const durationS = await playlistDuration(join(outDir, renditionNames(ladder)[0], 'index.m3u8'));
    if (durationS < source.durationS * MIN_OUTPUT_SHARE) {
      throw new UnplayableSourceError(
        `The file is incomplete: it declares ${source.durationS.toFixed(1)} s but its media data ends after ${durationS.toFixed(1)} s.`,
      );
    }
    await writeFile(
      join(outDir, 'master.m3u8'),
      buildMasterPlaylist(
        renditions.map((r) => ({
          uri: `${r.name}/index.m3u8`,
          bandwidth: r.bandwidth,
          averageBandwidth: r.averageBandwidth,
          codecs: r.codecs,
          resolution: r.width && r.height ? { width: r.width, height: r.height } : undefined,
          frameRate: ladder.video.length ? ladder.fps : undefined,
        })),
      ),
    );

    const totalBytes = await uploader.finish();
    await job.reportProgress(100);
    return {
      attemptPrefix,
      masterKey: `${attemptPrefix}master.m3u8`,
      posterKey,
      durationS,
      renditions,
      totalBytes,
      ffmpegSeconds,
    };
  } catch (e) {
    await uploader?.stop();
    // A failed attempt removes what it uploaded; a killed one cannot, and the control plane sweeps it when the asset is ready.
    if (wroteObjects) await deps.storage.deletePrefix(attemptPrefix).catch(() => undefined);
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function probeOrRefuse(path: string): Promise<SourceInfo> {
  try {
    return await probeSource(path);
  } catch (e) {
    if (e instanceof UnplayableMediaError) throw new UnplayableSourceError(e.reason);
    throw e;
  }
}

async function runOrRefuse(
  runner: MediaRunner,
  cmd: Parameters<MediaRunner['run']>[0],
  source: SourceInfo,
  onProgress: (p: number) => unknown,
): Promise<void> {
  try {
    await runner.run(cmd, { durationS: source.durationS, onProgress: (p) => void onProgress(p) });
  } catch (e) {
    if (e instanceof FfmpegFailedError && e.inputIsDamaged) {
      throw new UnplayableSourceError('The file is damaged: its video or audio data cannot be decoded.');
    }
    throw e;
  }
}

async function playlistDuration(path: string): Promise<number> {
  return parseMediaPlaylist(await readFile(path, 'utf8')).reduce((s, x) => s + x.durationS, 0);
}

async function describeRenditions(
  outDir: string,
  ladder: Ladder,
  attemptPrefix: string,
): Promise<VodRenditionResult[]> {
  const names = renditionNames(ladder);
  return Promise.all(
    names.map(async (name, i) => {
      const segments = parseMediaPlaylist(await readFile(join(outDir, name, 'index.m3u8'), 'utf8'));
      const sized = await Promise.all(
        segments.map(async (s) => ({ durationS: s.durationS, bytes: (await stat(join(outDir, name, s.uri))).size })),
      );
      const bw = measureBandwidth(sized);
      const v = ladder.video[i];
      return {
        name,
        width: v?.width,
        height: v?.height,
        bandwidth: Math.ceil(bw.peak),
        averageBandwidth: Math.ceil(bw.average),
        codecs: [...(v ? [v.videoCodec] : []), ...(ladder.audio ? [ladder.audio.codec] : [])],
        bytes: sized.reduce((s, x) => s + x.bytes, 0),
        playlistKey: `${attemptPrefix}${name}/index.m3u8`,
      };
    }),
  );
}
