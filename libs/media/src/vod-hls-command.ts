import { confinedInput } from './confined-input';
import { FfmpegCommand } from './ffmpeg-command';
import { Ladder } from './hls-ladder';

export interface VodHlsOptions {
  input: string;
  /** The source's format_name as ffprobe read it: ffmpeg opens it with that demuxer and as a local file only. */
  inputFormat: string;
  /** Each rendition goes to <outDir>/<name>/index.m3u8 and seg_00000.ts... */
  outDir: string;
  ladder: Ladder;
  segmentSeconds: number;
  /** Path of the -hls_key_info_file (AES-128); omit for clear segments. */
  keyInfoFile?: string;
  /** x264 preset; veryfast is the quality/CPU balance PeerTube and most platforms pick for VOD. */
  preset?: string;
  /** x264 threads per encoder (0 = auto). */
  threads?: number;
}

export const AUDIO_ONLY_NAME = 'audio';

/**
 * One ffmpeg process for the whole ladder: the source is decoded ONCE, scaled down rung by rung and encoded N
 * times (PeerTube decodes it once per rung). Keyframes are forced at the same instants in every rendition, so segment
 * boundaries line up and a player can switch at any segment. Segments are MPEG-TS, AES-128 when a key is given.
 */
export function buildVodHlsCommand(o: VodHlsOptions): FfmpegCommand {
  const { ladder } = o;
  const seg = o.segmentSeconds;
  const out: string[] = [];
  const streamMap: string[] = [];
  const n = ladder.video.length;
  if (n > 0) {
    out.push('-filter_complex', cascadeFilterGraph(ladder));
    ladder.video.forEach((r, i) => {
      out.push('-map', `[v${i}]`);
      if (ladder.audio) out.push('-map', '0:a:0');
      streamMap.push(ladder.audio ? `v:${i},a:${i},name:${r.name}` : `v:${i},name:${r.name}`);
    });
    out.push('-c:v', 'libx264', '-preset', o.preset ?? 'veryfast', '-threads', String(o.threads ?? 0));
    ladder.video.forEach((r, i) => {
      out.push(
        `-profile:v:${i}`,
        r.profile,
        `-level:v:${i}`,
        r.level,
        `-b:v:${i}`,
        `${r.videoKbps}k`,
        `-maxrate:v:${i}`,
        `${r.maxrateKbps}k`,
        `-bufsize:v:${i}`,
        `${r.bufsizeKbps}k`,
      );
    });
    const gop = Math.max(1, Math.round(ladder.fps * seg));
    out.push(
      '-r',
      String(ladder.fps),
      '-g',
      String(gop),
      '-keyint_min',
      String(gop),
      '-sc_threshold',
      '0',
      '-force_key_frames',
      `expr:gte(t,n_forced*${seg})`,
    );
  } else if (ladder.audio) {
    out.push('-map', '0:a:0');
    streamMap.push(`a:0,name:${AUDIO_ONLY_NAME}`);
  } else {
    throw new Error('a ladder needs video or audio');
  }
  if (ladder.audio) {
    out.push('-c:a', 'aac', '-b:a', `${ladder.audio.kbps}k`, '-ac', String(ladder.audio.channels), '-ar', '48000');
  }
  out.push(
    '-f',
    'hls',
    '-hls_time',
    String(seg),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'mpegts',
    // temp_file: a segment appears under its name only once complete, so it can be uploaded while ffmpeg goes on
    '-hls_flags',
    'independent_segments+temp_file',
    ...(o.keyInfoFile ? ['-hls_key_info_file', o.keyInfoFile] : []),
    '-hls_segment_filename',
    `${o.outDir}/%v/seg_%05d.ts`,
    '-var_stream_map',
    streamMap.join(' '),
  );
  return { inputs: [confinedInput(o.input, o.inputFormat)], outputOptions: out, output: `${o.outDir}/%v/index.m3u8` };
}

/**
 * The decoded source is scaled to the top rung, and each lower rung is scaled from the rung above it (a cascade):
 * every scaler then reads the smallest picture that can feed it, which costs less CPU than scaling each rung from
 * the full source; for downscaling by 1.5x per step the loss in sharpness is not visible at these bitrates.
 */
export function cascadeFilterGraph(ladder: Ladder): string {
  const pre = ladder.forceConstantFrameRate ? `fps=${ladder.fps},` : '';
  const n = ladder.video.length;
  return ladder.video
    .map((r, i) => {
      const input = i === 0 ? `[0:v:0]${pre}` : `[c${i - 1}]`;
      const scale = `scale=${r.width}:${r.height}:flags=bicubic,setsar=1${i === 0 ? ',format=yuv420p' : ''}`;
      return i < n - 1 ? `${input}${scale},split=2[v${i}][c${i}]` : `${input}${scale}[v${i}]`;
    })
    .join(';');
}

/** Directory names of the renditions buildVodHlsCommand writes, in ladder order. */
export function renditionNames(ladder: Ladder): string[] {
  return ladder.video.length ? ladder.video.map((r) => r.name) : [AUDIO_ONLY_NAME];
}
