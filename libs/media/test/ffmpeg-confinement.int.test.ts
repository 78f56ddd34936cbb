import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  FfmpegRunner,
  SourceInfo,
  UnplayableMediaError,
  buildPosterCommand,
  buildVodHlsCommand,
  chooseLadder,
  parseMediaPlaylist,
  probeSource,
} from '#media';

// Uploads that point elsewhere (a playlist naming a server file or an address, a concat list, a subtitle holding a
// playlist, an MP4 whose track lives in another file), read by the real ffprobe and ffmpeg as the VOD worker reads
// them (transcoder/src/vod/vod-transcode.ts): probeSource, then the ladder and poster commands through FfmpegRunner.
const run = promisify(execFile);

/** A RIFF chunk (padded to an even size, as RIFF wants). */
function chunk(id: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
}

function riffList(kind: string, type: string, ...chunks: Buffer[]): Buffer {
  return chunk(kind, Buffer.concat([Buffer.from(type, 'latin1'), ...chunks]));
}

function u32s(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32LE(v, i * 4));
  return b;
}

/**
 * An AVI whose one stream is a GAB2 subtitle track holding `text`: the shape of the 2017 attack in which ffmpeg's
 * AVI demuxer handed an embedded "subtitle" to the HLS demuxer. ffmpeg's AVI muxer writes no text subtitles (only
 * DivX XSUB bitmaps), so the file is written here, chunk by chunk, as the AVI demuxer reads it (a test below checks
 * that SRT text in it is read as a subrip track). Today's demuxer hands such a track to the SRT or ASS demuxer only;
 * with no video or audio beside it, the upload is refused as holding no track.
 */
function gab2SubtitleAvi(text: string): Buffer {
  const avih = u32s(1_000_000, 0, 0, 0x10, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0);
  const strh = Buffer.concat([
    Buffer.from('txts\0\0\0\0', 'latin1'),
    u32s(0, 0, 0, 1, 1, 0, 1, 0, 0, 0),
    Buffer.alloc(8),
  ]);
  const name = Buffer.from('playlist\0', 'utf16le');
  const payload = Buffer.from(text, 'utf8');
  const gab2 = Buffer.concat([
    Buffer.from('GAB2\0', 'latin1'),
    Buffer.from([2, 0]),
    u32s(name.length),
    name,
    Buffer.from([4, 0]),
    u32s(payload.length),
    payload,
  ]);
  const packet = chunk('00tx', gab2);
  const idx1 = chunk('idx1', Buffer.concat([Buffer.from('00tx', 'latin1'), u32s(0x10, 4, gab2.length)]));
  return riffList(
    'RIFF',
    'AVI ',
    riffList(
      'LIST',
      'hdrl',
      chunk('avih', avih),
      riffList('LIST', 'strl', chunk('strh', strh), chunk('strf', Buffer.alloc(0))),
    ),
    riffList('LIST', 'movi', packet),
    idx1,
  );
}

/** A QuickTime alias record (a 'dref' entry) naming `path` as the file that holds the track's samples. */
function aliasDrefEntry(path: string): Buffer {
  const fixed = Buffer.alloc(150); // volume and file name fields left empty: the absolute path record is enough
  const p = Buffer.from(path, 'latin1');
  const padded = Buffer.concat([p, Buffer.alloc(p.length % 2)]);
  const record = Buffer.alloc(4);
  record.writeUInt16BE(2, 0); // type 2: absolute path
  record.writeUInt16BE(p.length, 2);
  const body = Buffer.concat([Buffer.from([0, 0, 0, 0]), fixed, record, padded, Buffer.from([0xff, 0xff, 0, 0])]);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write('alis', 4, 'latin1');
  return Buffer.concat([head, body]);
}

/**
 * `mp4` with its first track's data reference replaced by an alias to `external`: the track's samples are then in
 * another file (ffmpeg's muxer always writes a self-contained 'url ' entry, so the box is patched). The moov box
 * follows mdat in ffmpeg's output, so growing it moves no sample offsets; the sizes of its ancestors grow with it.
 */
function withExternalDataReference(mp4: Buffer, external: string): Buffer {
  const path: number[] = []; // offsets of the boxes that hold the dref
  const find = (from: number, to: number): number => {
    for (let at = from; at + 8 <= to;) {
      const size = mp4.readUInt32BE(at);
      const type = mp4.toString('latin1', at + 4, at + 8);
      if (type === 'dref') return at;
      if (['moov', 'trak', 'mdia', 'minf', 'dinf'].includes(type)) {
        path.push(at);
        const found = find(at + 8, at + size);
        if (found >= 0) return found;
        path.pop();
      }
      at += size;
    }
    return -1;
  };
  const dref = find(0, mp4.length);
  assert.ok(dref > 0, 'the mp4 has a dref box');
  const entry = aliasDrefEntry(external);
  const newDref = Buffer.concat([
    Buffer.alloc(4),
    Buffer.from('dref', 'latin1'),
    u32s(0),
    Buffer.from([0, 0, 0, 1]),
    entry,
  ]);
  newDref.writeUInt32BE(newDref.length, 0);
  const grow = newDref.length - mp4.readUInt32BE(dref);
  const out = Buffer.concat([mp4.subarray(0, dref), newDref, mp4.subarray(dref + mp4.readUInt32BE(dref))]);
  for (const at of path) out.writeUInt32BE(out.readUInt32BE(at) + grow, at);
  return out;
}

describe('ffmpeg and ffprobe confined to the uploaded file', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ffmpeg-confinement-'));
  const normal = join(dir, 'normal.mp4');
  let listener: Server;
  let port = 0;
  let connections = 0;

  before(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=25'],
      ...['-f', 'lavfi', '-i', 'sine=duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'],
      normal,
    ]);
    copyFileSync(normal, join(dir, 'segment.ts'));
  });
  after(async () => {
    await new Promise((resolve) => listener.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * What the VOD worker does with an upload, in a work folder of its own where the upload is named `source`; a
   * video lies beside it, for the lists that name a file by a relative name.
   */
  async function transcodeLikeTheWorker(name: string, content: Buffer | string): Promise<SourceInfo> {
    const work = join(dir, `work-${name}`);
    mkdirSync(join(work, 'out'), { recursive: true });
    const source = join(work, 'source');
    writeFileSync(source, content);
    copyFileSync(normal, join(work, 'clip.mp4'));
    const info = await probeSource(source);
    const runner = new FfmpegRunner();
    const ladder = chooseLadder(info);
    await runner.run(
      buildVodHlsCommand({
        input: source,
        inputFormat: info.formatName,
        outDir: join(work, 'out'),
        ladder,
        segmentSeconds: 2,
        preset: 'ultrafast',
      }),
    );
    if (info.video) await runner.run(buildPosterCommand(source, join(work, 'poster.jpg'), info));
    return info;
  }

  const playlist = (uri: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${uri}\n#EXT-X-ENDLIST\n`;
  const hostile: Array<[string, () => Buffer | string]> = [
    ['an HLS playlist naming file:///etc/passwd', () => playlist('file:///etc/passwd')],
    ['an HLS playlist naming a media file of the server', () => playlist(join(dir, 'segment.ts'))],
    ['an HLS playlist naming an address', () => playlist(`http://127.0.0.1:${port}/x.ts`)],
    ['an ffconcat list naming a file of the server', () => `ffconcat version 1.0\nfile ${normal}\n`],
    ['an ffconcat list naming a file beside it', () => `ffconcat version 1.0\nfile clip.mp4\n`],
    ['an AVI whose subtitle track is a playlist', () => gab2SubtitleAvi(playlist(`http://127.0.0.1:${port}/x.ts`))],
    ['an MP4 whose track is stored in another file', () => withExternalDataReference(readFileSync(normal), normal)],
  ];
  for (const [what, content] of hostile) {
    it(`refuses ${what}, naming no path of the server and reaching nothing`, async () => {
      const name = what.replace(/\W+/g, '-');
      await assert.rejects(transcodeLikeTheWorker(name, content()), (e: unknown) => {
        assert.ok(e instanceof UnplayableMediaError, `an UnplayableMediaError, not ${String(e)}`);
        assert.ok(!e.reason.includes(dir), `the reason names the work folder: ${e.reason}`);
        assert.doesNotMatch(e.reason, /\/(etc|tmp|var|home|root|srv)\b/);
        assert.match(e.reason, /^The file /);
        return true;
      });
      assert.equal(connections, 0, 'the listener was reached');
    });
  }

  it('writes its AVI as ffmpeg reads GAB2 subtitles (the same file holding SRT text has a subrip track)', async () => {
    const avi = join(dir, 'srt.avi');
    writeFileSync(avi, gab2SubtitleAvi('1\n00:00:00,000 --> 00:00:01,000\nhello\n\n'));
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name',
      '-of',
      'csv=p=0',
      avi,
    ]);
    assert.equal(stdout.trim(), 'subrip');
  });

  it('still probes and transcodes a plain two-second MP4 the same way', async () => {
    const info = await transcodeLikeTheWorker('normal', readFileSync(normal));
    assert.equal(info.formatName.split(',')[0], 'mov');
    assert.ok(Math.abs(info.durationS - 2) < 0.2, `duration ${info.durationS}`);
    const out = join(dir, 'work-normal', 'out');
    const [rung] = chooseLadder(info).video;
    const segments = parseMediaPlaylist(readFileSync(join(out, rung.name, 'index.m3u8'), 'utf8'));
    assert.ok(segments.length >= 1);
    assert.ok(readFileSync(join(dir, 'work-normal', 'poster.jpg')).length > 0);
    assert.equal(connections, 0);
  });

  it('gives ffprobe and ffmpeg none of the secrets in the environment of their parent', async () => {
    const envFile = join(dir, 'env.txt');
    const fake = join(dir, 'print-env');
    writeFileSync(fake, `#!/bin/sh\nenv >> ${envFile}\necho '{}'\n`);
    chmodSync(fake, 0o755);
    process.env.JWT_SECRET = 'parent-secret-value';
    try {
      await assert.rejects(probeSource(normal, fake), UnplayableMediaError);
      await new FfmpegRunner(fake).run(buildPosterCommand(normal, join(dir, 'p.jpg'), await probeSource(normal)));
    } finally {
      delete process.env.JWT_SECRET;
    }
    const env = readFileSync(envFile, 'utf8');
    assert.equal(env.match(/^PATH=/gm)?.length, 2, 'both ran');
    assert.doesNotMatch(env, /JWT_SECRET|parent-secret-value|S3_|TOKEN/);
  });
});
