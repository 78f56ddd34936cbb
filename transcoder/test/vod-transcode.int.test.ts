import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FfmpegRunner, newHlsKey, parseMediaPlaylist } from '#media';
import { EMBEDDED_S3_CREDENTIALS, EmbeddedS3, ObjectStorage, startEmbeddedS3 } from '#storage';
import { HlsKeySource } from '../src/vod/hls-key-source';
import { UnplayableSourceError, VodTranscodeDeps, transcodeVodJob } from '../src/vod/vod-transcode';

// The job's own path on awkward sources, with real ffmpeg and a real S3 endpoint (no queue: that is the e2e's part).
const run = promisify(execFile);

async function lavfi(out: string, args: string[]): Promise<string> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, out]);
  return out;
}

describe('a vod job on awkward sources', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vod-transcode-'));
  const key = newHlsKey();
  const keys: HlsKeySource = { keyFor: async () => key };
  let s3: EmbeddedS3;
  let deps: VodTranscodeDeps;

  before(async () => {
    s3 = await startEmbeddedS3({ dir: join(dir, 's3'), port: 0 });
    const storage = new ObjectStorage({
      endpoint: s3.endpoint,
      ...EMBEDDED_S3_CREDENTIALS,
      bucket: 'vod-transcode-test',
    });
    await storage.ensureBucket();
    deps = {
      storage,
      runner: new FfmpegRunner(),
      keys,
      workDir: dir,
      segmentSeconds: 2,
      preset: 'ultrafast',
      uploadParallelism: 4,
    };
  });
  after(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function transcode(name: string, file: string) {
    await deps.storage.putFile(`sources/${name}`, file);
    const progress: number[] = [];
    const result = await transcodeVodJob(
      {
        data: {
          assetId: name,
          sourceKey: `sources/${name}`,
          outputPrefix: `vod/${name}/`,
          keyUri: 'http://127.0.0.1:1/api/keys/x',
        },
        attempt: 1,
        reportProgress: (p) => void progress.push(p),
      },
      deps,
    );
    const master = (await deps.storage.get(result.masterKey)).toString();
    return { result, master, progress };
  }

  it('refuses, for good, a job whose source is gone from storage', async () => {
    await assert.rejects(
      transcodeVodJob(
        {
          data: { assetId: 'gone', sourceKey: 'sources/gone', outputPrefix: 'vod/gone/', keyUri: 'k' },
          attempt: 1,
          reportProgress: () => undefined,
        },
        deps,
      ),
      (e: Error) => e instanceof UnplayableSourceError && /no longer in storage/.test(e.message),
    );
  });

  it('transcodes an audio-only file to one audio rendition', async () => {
    const f = await lavfi(join(dir, 'audio.m4a'), [
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=300:duration=3',
      '-c:a',
      'aac',
    ]);
    const { result, master } = await transcode('audio-only', f);
    assert.deepEqual(
      result.renditions.map((r) => [r.name, r.codecs.join(',')]),
      [['audio', 'mp4a.40.2']],
    );
    assert.equal(result.posterKey, undefined);
    assert.doesNotMatch(master, /RESOLUTION/);
    assert.ok(Math.abs(result.durationS - 3) < 0.15, String(result.durationS));
  });

  it('transcodes a video without audio to renditions without an audio codec', async () => {
    const f = await lavfi(join(dir, 'silent.mp4'), [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=25:duration=2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
    ]);
    const { result } = await transcode('video-only', f);
    assert.deepEqual(
      result.renditions.map((r) => r.codecs),
      [['avc1.4d401f']],
    );
  });

  it('keeps an odd-sized source at even sizes and never upscales it', async () => {
    // testsrc2 makes even sizes only: scale to odd, in 4:4:4 which H.264 allows at odd sizes
    const f = await lavfi(join(dir, 'odd.mp4'), [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=400x300:rate=30:duration=2',
      '-vf',
      'scale=401:301',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv444p',
    ]);
    const { result, master } = await transcode('odd', f);
    assert.deepEqual(
      result.renditions.map((r) => `${r.width}x${r.height}`),
      ['400x300'],
    );
    assert.match(master, /RESOLUTION=400x300/);
  });

  it('turns a rotated phone video into portrait renditions', async () => {
    // ffmpeg 5.1 keeps the rotate tag only when remuxing, as a phone's file would carry it
    const landscape = await lavfi(join(dir, 'landscape.mp4'), [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=854x480:rate=30:duration=2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
    ]);
    const f = await lavfi(join(dir, 'rotated.mp4'), ['-i', landscape, '-c', 'copy', '-metadata:s:v:0', 'rotate=90']);
    const { result } = await transcode('rotated', f);
    assert.deepEqual(
      result.renditions.map((r) => `${r.width}x${r.height}`),
      ['480x854', '360x640'],
    );
    // the encoded pictures are portrait too, not only the labels
    const first = parseMediaPlaylist((await deps.storage.get(result.renditions[1].playlistKey)).toString())[0];
    const segPath = join(dir, 'rotated-seg.ts');
    await deps.storage.download(result.renditions[1].playlistKey.replace('index.m3u8', first.uri), segPath);
    const keyHex = key.toString('hex');
    await run('openssl', [
      'aes-128-cbc',
      '-d',
      '-K',
      keyHex,
      '-iv',
      '0'.repeat(32),
      '-in',
      segPath,
      '-out',
      `${segPath}.clear`,
    ]);
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height',
      '-of',
      'csv=p=0',
      `${segPath}.clear`,
    ]);
    assert.equal(stdout.trim().split('\n')[0], '360,640');
  });

  it('re-times a variable-frame-rate source to a constant rate, keeping its length', async () => {
    // 30 fps for the first second, then every other frame: r_frame_rate 30, average ~20
    const f = await lavfi(join(dir, 'vfr.mp4'), [
      '-f',
      'lavfi',
      '-i',
      "testsrc2=size=426x240:rate=30:duration=3,select='lt(t\\,1)+not(mod(n\\,3))'",
      '-fps_mode',
      'vfr',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
    ]);
    const { result, progress } = await transcode('vfr', f);
    assert.ok(Math.abs(result.durationS - 3) < 0.2, String(result.durationS));
    assert.equal(progress.at(-1), 100);
  });
});
