import { SourceInfo } from './source-info';

// The rungs a source may get, in the spirit of Apple's HLS authoring table. `short` is the short side of the
// picture, so a portrait 1080x1920 phone video gets the same rungs as a landscape 1920x1080 one.
export interface RungProfile {
  name: string;
  short: number;
  videoKbps: number;
  profile: 'high' | 'main';
}

export const STANDARD_RUNGS: readonly RungProfile[] = [
  { name: '1080p', short: 1080, videoKbps: 5000, profile: 'high' },
  { name: '720p', short: 720, videoKbps: 2800, profile: 'high' },
  { name: '480p', short: 480, videoKbps: 1400, profile: 'main' },
  { name: '360p', short: 360, videoKbps: 800, profile: 'main' },
];

export const AUDIO_KBPS = 128;
export const MAX_FPS = 60;

export interface VideoRendition {
  name: string;
  width: number;
  height: number;
  fps: number;
  videoKbps: number;
  maxrateKbps: number;
  bufsizeKbps: number;
  profile: 'high' | 'main';
  level: string;
  /** RFC 6381 codec string of the video stream, e.g. avc1.640028. */
  videoCodec: string;
}

export interface Ladder {
  /** Empty for an audio-only source. */
  video: VideoRendition[];
  /** Present when the source has audio: every rendition carries it (muxed), or it is the only rendition. */
  audio?: { kbps: number; codec: string; channels: number };
  /** Frame rate every video rendition is encoded at (constant, even for a VFR source). */
  fps: number;
  /** Re-time a variable-frame-rate source to constant fps before encoding. */
  forceConstantFrameRate: boolean;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
/** Rounded DOWN to even, so a side never exceeds the source's. */
const evenDown = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/** H.264 level for the size and rate: 4.0 covers 1080p30, 4.2 1080p60, 3.1 up to 720p30. */
function levelFor(width: number, height: number, fps: number): string {
  const macroblocksPerS = Math.ceil(width / 16) * Math.ceil(height / 16) * fps;
  if (macroblocksPerS <= 108_000 && width * height <= 921_600) return '3.1';
  if (macroblocksPerS <= 245_760) return '4.0';
  return '4.2';
}

export function avcCodecString(profile: 'high' | 'main', level: string): string {
  const p = profile === 'high' ? '6400' : '4d40';
  return `avc1.${p}${Math.round(Number(level) * 10)
    .toString(16)
    .padStart(2, '0')}`;
}

/**
 * Chooses the renditions for a source: every standard rung whose short side does not exceed the source's (never
 * upscale); a source smaller than the lowest rung gets one rendition at its own size. Sizes keep the displayed
 * aspect ratio (rotation and non-square pixels applied) and are even, as 4:2:0 H.264 requires.
 */
export function chooseLadder(source: SourceInfo, rungs: readonly RungProfile[] = STANDARD_RUNGS): Ladder {
  const audio = source.audio
    ? { kbps: AUDIO_KBPS, codec: 'mp4a.40.2', channels: Math.min(2, source.audio.channels) || 2 }
    : undefined;
  const v = source.video;
  if (!v) return { video: [], audio, fps: 0, forceConstantFrameRate: false };
  const fps = Math.min(MAX_FPS, Math.round(v.fps * 1000) / 1000);
  const outFps = Number.isInteger(fps) ? fps : Math.round(fps * 100) / 100;
  const portrait = v.displayHeight > v.displayWidth;
  const sourceShort = Math.min(v.displayWidth, v.displayHeight);
  const aspect = Math.max(v.displayWidth, v.displayHeight) / sourceShort;
  const fitting = rungs.filter((r) => r.short <= sourceShort);
  const sourceLong = Math.max(v.displayWidth, v.displayHeight);
  const chosen: RungProfile[] = fitting.length
    ? fitting
    : [{ ...rungs[rungs.length - 1], short: evenDown(sourceShort), name: `${evenDown(sourceShort)}p` }];
  const video = chosen.map((r) => {
    const short = Math.min(even(r.short), evenDown(sourceShort));
    const long = Math.min(even(short * aspect), evenDown(sourceLong));
    const [width, height] = portrait ? [short, long] : [long, short];
    // a higher frame rate needs more bits for the same quality
    const kbps = Math.round(r.videoKbps * (outFps > 30 ? 1.5 : 1));
    const level = levelFor(width, height, outFps);
    return {
      name: r.name,
      width,
      height,
      fps: outFps,
      videoKbps: kbps,
      maxrateKbps: Math.round(kbps * 1.1),
      bufsizeKbps: kbps * 2,
      profile: r.profile,
      level,
      videoCodec: avcCodecString(r.profile, level),
    };
  });
  return { video, audio, fps: outFps, forceConstantFrameRate: v.variableFrameRate || v.fps > MAX_FPS };
}
