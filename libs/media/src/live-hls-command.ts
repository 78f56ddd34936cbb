import { FfmpegCommand } from './ffmpeg-command';
import { LiveLadder } from './live-ladder';

export interface LiveHlsOptions {
  /** rtmp://ingest/live/<stream key> */
  input: string;
  /** Each rendition goes to <outDir>/<name>/ffmpeg.m3u8 and <runId>_<n>.ts. */
  outDir: string;
  ladder: LiveLadder;
  segmentSeconds: number;
  keyInfoFile: string;
  /** Distinguishes the segments of a resumed run from the earlier ones (they share the folder in storage). */
  runId: string;
  /** x264 preset of the transcoded rungs. */
  preset: string;
  /** ffmpeg gives up on the input after this long without data (the presenter's reconnect grace plus a margin). */
  inputTimeoutMs: number;
}

/** The local playlist ffmpeg keeps per rendition; the worker reads it and writes its own playlists to storage. */
export const FFMPEG_PLAYLIST = 'ffmpeg.m3u8';

/**
 * One ffmpeg process pulls the published stream and writes the whole ladder: the source decoded once, split and
 * scaled for the transcoded rungs; the passthrough rung copies the source's packets. Transcoded rungs put their
 * keyframes where the source has its own (`-force_key_frames source`), so every rendition cuts its segments at the
 * same instants and players switch cleanly; when no rung passes through, keyframes are forced every segment.
 */
export function buildLiveHlsCommand(o: LiveHlsOptions): FfmpegCommand {
  const { ladder } = o;
  const out: string[] = [];
  const streamMap: string[] = [];
  const encoded = ladder.renditions.map((r, i) => ({ r, i })).filter((x) => !x.r.passthrough);
  const hasPassthrough = encoded.length < ladder.renditions.length;
  if (encoded.length) {
    const splits = encoded.map((x) => `[s${x.i}]`).join('');
    const scales = encoded.map(
      (x) => `[s${x.i}]scale=${x.r.width}:${x.r.height}:flags=bicubic,setsar=1,format=yuv420p[v${x.i}]`,
    );
    out.push('-filter_complex', [`[0:v:0]split=${encoded.length}${splits}`, ...scales].join(';'));
  }
  ladder.renditions.forEach((r, i) => {
    out.push('-map', r.passthrough ? '0:v:0' : `[v${i}]`);
    if (ladder.audio) out.push('-map', '0:a:0');
    streamMap.push(ladder.audio ? `v:${i},a:${i},name:${r.name}` : `v:${i},name:${r.name}`);
  });
  const gop = Math.max(1, Math.round(ladder.fps * o.segmentSeconds));
  ladder.renditions.forEach((r, i) => {
    if (r.passthrough) {
      out.push(`-c:v:${i}`, 'copy');
      return;
    }
    out.push(
      `-c:v:${i}`,
      'libx264',
      `-preset:v:${i}`,
      o.preset,
      `-tune:v:${i}`,
      'zerolatency',
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
      `-r:v:${i}`,
      String(ladder.fps),
      // the source's keyframes when a rung passes it through; otherwise one per segment
      `-force_key_frames:v:${i}`,
      hasPassthrough ? 'source' : `expr:gte(t,n_forced*${o.segmentSeconds})`,
      `-g:v:${i}`,
      String(hasPassthrough ? gop * 10 : gop),
    );
  });
  if (encoded.length) out.push('-sc_threshold', '0');
  if (ladder.audio) {
    if (ladder.audio.copy) out.push('-c:a', 'copy');
    else out.push('-c:a', 'aac', '-b:a', `${ladder.audio.kbps}k`, '-ac', String(ladder.audio.channels), '-ar', '48000');
  }
  out.push(
    '-max_muxing_queue_size',
    '1024',
    '-f',
    'hls',
    '-hls_time',
    String(o.segmentSeconds),
    '-hls_list_size',
    '10',
    '-hls_segment_type',
    'mpegts',
    // temp_file: a segment appears under its name only once complete; program_date_time: the wall clock of each
    // segment's first frame (ffmpeg's start at the live edge + media time), so a viewer's latency can be read
    '-hls_flags',
    'independent_segments+temp_file+program_date_time',
    '-hls_key_info_file',
    o.keyInfoFile,
    '-hls_segment_filename',
    `${o.outDir}/%v/${o.runId}_%d.ts`,
    '-var_stream_map',
    streamMap.join(' '),
  );
  return {
    inputs: [{ path: o.input, options: ['-loglevel', 'warning', '-rw_timeout', String(o.inputTimeoutMs * 1000)] }],
    outputOptions: out,
    output: `${o.outDir}/%v/${FFMPEG_PLAYLIST}`,
  };
}
