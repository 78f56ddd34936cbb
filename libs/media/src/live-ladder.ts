import { RungProfile, STANDARD_RUNGS, VideoRendition, chooseLadder } from './hls-ladder';
import type { LiveSource } from './live-source';

// The live ladder: the source itself as the top rendition, passed through without re-encoding when it is H.264
// (no CPU), plus the standard rungs strictly below it, transcoded. A non-H.264 source is transcoded at every rung.

export interface LiveRendition extends VideoRendition {
  passthrough: boolean;
}

export interface LiveLadder {
  renditions: LiveRendition[];
  /** AAC from OBS is copied into every rendition; anything else is encoded to AAC once per rendition. */
  audio?: { copy: boolean; kbps: number; codec: string; channels: number };
  fps: number;
}

/** Rungs below the standard table, for small sources and tests (e.g. a 360p source with a 240p rung). */
const EXTRA_RUNGS: readonly RungProfile[] = [
  { name: '240p', short: 240, videoKbps: 400, profile: 'main' },
  { name: '180p', short: 180, videoKbps: 250, profile: 'main' },
];

/** Rung profiles for the short sides LIVE_LADDER names (e.g. [720, 480, 360]), highest first. */
export function rungsFor(shortSides: readonly number[]): RungProfile[] {
  const known = [...STANDARD_RUNGS, ...EXTRA_RUNGS];
  return [...new Set(shortSides)]
    .sort((a, b) => b - a)
    .map((short) => {
      const k = known.find((r) => r.short === short);
      // an unlisted size gets a bitrate proportional to its pixel count, from the 360p rung
      return (
        k ?? { name: `${short}p`, short, videoKbps: Math.round((800 * (short * short)) / (360 * 360)), profile: 'main' }
      );
    });
}

export function chooseLiveLadder(source: LiveSource, rungs: readonly RungProfile[]): LiveLadder {
  const v = source.video;
  if (!v) throw new Error('the published stream has no video track');
  const audio = source.audio
    ? {
        copy: source.audio.codec === 'aac',
        kbps: 128,
        codec: 'mp4a.40.2',
        channels: Math.min(2, source.audio.channels) || 2,
      }
    : undefined;
  const sourceShort = Math.min(v.displayWidth, v.displayHeight);
  const passthrough = v.codec === 'h264' && v.rotation === 0;
  const below = rungs.filter((r) => (passthrough ? r.short < sourceShort : r.short <= sourceShort));
  let transcoded: VideoRendition[] = [];
  if (below.length) transcoded = chooseLadder(source, below).video;
  else if (!passthrough) transcoded = chooseLadder(source, rungs.length ? rungs : STANDARD_RUNGS).video;
  const fps = Math.round(v.fps) || 30;
  const renditions: LiveRendition[] = transcoded.map((r) => ({ ...r, passthrough: false }));
  if (passthrough) {
    const kbps = Math.round((source.videoBitrate ?? 0) / 1000) || estimateKbps(v.width, v.height, fps);
    renditions.unshift({
      name: `${sourceShort}p`,
      width: v.width,
      height: v.height,
      fps,
      videoKbps: kbps,
      maxrateKbps: Math.round(kbps * 1.2),
      bufsizeKbps: kbps * 2,
      profile: 'high',
      level: '',
      videoCodec: source.videoCodecString ?? 'avc1.640028',
      passthrough: true,
    });
    // a transcoded rung at the source's own size would only repeat it
    for (let i = renditions.length - 1; i > 0; i--) {
      if (renditions[i].name === renditions[0].name) renditions.splice(i, 1);
    }
  }
  return { renditions, audio, fps };
}

/** What OBS's recommended settings give for the size: about 0.1 bit per pixel per frame. */
function estimateKbps(width: number, height: number, fps: number): number {
  return Math.round((width * height * fps * 0.1) / 1000);
}
