// What a probed source holds, parsed from `ffprobe -print_format json -show_format -show_streams` output.
// Pure: the ffprobe call itself lives in ffprobe.ts.
import { withoutServerPaths } from './server-paths';

export interface VideoStreamInfo {
  codec: string;
  /** Coded size. */
  width: number;
  height: number;
  /** Size as shown: square pixels, rotation applied (ffmpeg auto-rotates when it decodes). */
  displayWidth: number;
  displayHeight: number;
  rotation: number;
  /** Average frame rate (frames per second). */
  fps: number;
  /** The container declares a frame rate the frames do not keep (phones, screen recordings). */
  variableFrameRate: boolean;
}

export interface AudioStreamInfo {
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface SourceInfo {
  formatName: string;
  durationS: number;
  sizeBytes: number;
  video?: VideoStreamInfo;
  audio?: AudioStreamInfo;
}

/** The file cannot become a video: a user-facing reason, never retried. */
export class UnplayableMediaError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

// Formats ffprobe "recognises" in files that are not media at all (a text file probes as `tty`).
const NOT_MEDIA_FORMATS = new Set([
  'tty',
  'image2',
  'png_pipe',
  'jpeg_pipe',
  'gif',
  'webp_pipe',
  'bmp_pipe',
  'svg_pipe',
  'subviewer',
  'srt',
  'webvtt',
  'ass',
  'lrc',
  'bin',
  'data',
]);
// Demuxers whose input is a list of other files or addresses (a playlist, a concat list, a manifest, a script): the
// upload must be the media itself, never a pointer to files of the server or to the network.
const REFERENCE_FORMATS = new Set([
  'hls',
  'applehttp',
  'concat',
  'ffconcat',
  'dash',
  'imf',
  'sdp',
  'rtsp',
  'rtp',
  'avisynth',
  'vapoursynth',
]);
const NOT_VIDEO_CODECS = new Set(['ansi', 'png', 'mjpeg', 'bmp', 'gif', 'webp', 'bintext', 'xbin', 'idf']);
// ffprobe's confidence in the container it guessed (100 = certain). Random bytes sometimes pass as raw MP3 at ~1-25.
const MIN_PROBE_SCORE = 50;

type Json = Record<string, unknown>;

/** ffprobe's string fields; anything else (absent, or a shape it never writes) reads as empty. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? n : NaN;
}

export function parseRate(r: unknown): number {
  if (typeof r !== 'string') return NaN;
  const [a, b] = r.split('/').map(Number);
  if (!b) return a || NaN;
  return a / b;
}

function rotationOf(s: Json): number {
  const side = Array.isArray(s.side_data_list) ? (s.side_data_list as Json[]) : [];
  for (const d of side) if (d.rotation !== undefined) return normaliseRotation(num(d.rotation));
  const tags = (s.tags ?? {}) as Json;
  if (tags.rotate !== undefined) return normaliseRotation(num(tags.rotate));
  return 0;
}

function normaliseRotation(deg: number): number {
  if (!Number.isFinite(deg)) return 0;
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

function parseVideo(s: Json): VideoStreamInfo | undefined {
  const codec = text(s.codec_name);
  const width = num(s.width);
  const height = num(s.height);
  const disposition = (s.disposition ?? {}) as Json;
  if (!codec || NOT_VIDEO_CODECS.has(codec) || disposition.attached_pic === 1 || !(width > 0 && height > 0)) {
    return undefined;
  }
  const sar = parseSar(s.sample_aspect_ratio);
  const rotation = rotationOf(s);
  const squareWidth = Math.round(width * sar);
  const turned = rotation === 90 || rotation === 270;
  const avg = parseRate(s.avg_frame_rate);
  const declared = parseRate(s.r_frame_rate);
  const fps = Number.isFinite(avg) && avg > 0 ? avg : Number.isFinite(declared) && declared > 0 ? declared : 30;
  return {
    codec,
    width,
    height,
    displayWidth: turned ? height : squareWidth,
    displayHeight: turned ? squareWidth : height,
    rotation,
    fps,
    // r_frame_rate is the lowest rate that represents every timestamp; a mismatch with the average means VFR
    variableFrameRate:
      Number.isFinite(declared) && Number.isFinite(avg) && avg > 0 && Math.abs(declared - avg) / avg > 0.01,
  };
}

function parseSar(v: unknown): number {
  if (typeof v !== 'string' || !v.includes(':')) return 1;
  const [a, b] = v.split(':').map(Number);
  return a > 0 && b > 0 ? a / b : 1;
}

/** Turns ffprobe's JSON into SourceInfo, or throws UnplayableMediaError with a reason a person understands. */
export function parseProbe(probe: { format?: Json; streams?: Json[] }): SourceInfo {
  const format = probe.format ?? {};
  const formatName = text(format.format_name);
  const score = num(format.probe_score);
  if (formatName.split(',').some((name) => REFERENCE_FORMATS.has(name))) {
    throw new UnplayableMediaError(REFERS_ELSEWHERE);
  }
  if (!formatName || NOT_MEDIA_FORMATS.has(formatName) || (Number.isFinite(score) && score < MIN_PROBE_SCORE)) {
    throw new UnplayableMediaError(
      'The file is not a video or audio file: its contents match no media format we can read.',
    );
  }
  const streams = probe.streams ?? [];
  const video = streams
    .filter((s) => s.codec_type === 'video')
    .map(parseVideo)
    .find((v) => v !== undefined);
  const a = streams.find((s) => s.codec_type === 'audio' && typeof s.codec_name === 'string');
  const audio = a
    ? { codec: String(a.codec_name), channels: num(a.channels) || 2, sampleRate: num(a.sample_rate) || 48000 }
    : undefined;
  if (!video && !audio) throw new UnplayableMediaError('The file holds no video or audio track.');
  const durations = [num(format.duration), ...streams.map((s) => num(s.duration))].filter((d) => d > 0);
  const durationS = durations.length ? durations[0] : NaN;
  if (!(durationS > 0)) {
    throw new UnplayableMediaError('The file has no playable length (its duration is zero or unknown).');
  }
  return { formatName, durationS, sizeBytes: num(format.size) || 0, video, audio };
}

const REFERS_ELSEWHERE =
  'The file is not a video or audio file: it is a playlist or list that refers to other files or addresses, which we do not read.';

// What ffmpeg says when an input reaches for something other than itself: a protocol off the whitelist (http in an
// HLS playlist), a path the concat or HLS demuxer refuses, an MP4 track stored in another file (a data reference).
const NESTED_REFERENCE =
  /not on whitelist|Unsafe file name|allowed_segment_extensions|not a common multimedia extension|external track|Failed to open segment|Error when loading first segment/i;

/**
 * The reason to refuse a source whose probe succeeded while it reached for other files or addresses (ffprobe's
 * warnings on stderr), or undefined when it read nothing but itself.
 */
export function describeNestedReference(stderr: string): string | undefined {
  if (!NESTED_REFERENCE.test(stderr)) return undefined;
  return /external track/i.test(stderr)
    ? 'The file is not a video or audio file we can read: its tracks are stored in other files (external data references), which we do not read.'
    : REFERS_ELSEWHERE;
}

/** A person-readable reason for an ffprobe/ffmpeg failure on the source, from its stderr. Names no server path. */
export function describeProbeFailure(stderr: string): string {
  const nested = describeNestedReference(stderr);
  if (nested) return nested;
  if (/moov atom not found/i.test(stderr)) {
    return 'The file is incomplete: it is an MP4 whose index (the moov atom) is missing, usually because the upload or recording was cut short.';
  }
  if (/Invalid data found when processing input|could not find codec parameters|Invalid argument/i.test(stderr)) {
    return 'The file is not a video or audio file: its contents match no media format we can read.';
  }
  if (/End of file|Truncat|partial file/i.test(stderr)) {
    return 'The file is incomplete: it ends before its media data does.';
  }
  const last = stderr.trim().split('\n').pop() ?? '';
  return `The file could not be read as video or audio (${withoutServerPaths(last).slice(0, 200)}).`;
}
