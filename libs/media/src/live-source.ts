import { SourceInfo, parseProbe } from './source-info';

// What a probed live stream holds. Pure: the ffprobe call itself lives in ffprobe.ts.

export interface LiveSource extends SourceInfo {
  /** RFC 6381 codec string of the source video (avc1.PPCCLL) when it is H.264. */
  videoCodecString?: string;
  /** Bits per second the source video declares (RTMP metadata), if it does. */
  videoBitrate?: number;
}

const PROFILE_HEX: Record<string, string> = {
  High: '6400',
  Main: '4d40',
  'Constrained Baseline': '42e0',
  Baseline: '4200',
};

/** RFC 6381 codec string of an H.264 stream from ffprobe's profile name and level (e.g. High, 31 -> avc1.64001f). */
export function avcCodecStringOf(profile: unknown, level: unknown): string | undefined {
  const p = PROFILE_HEX[String(profile)];
  const l = Number(level);
  if (!p || !(l > 0)) return undefined;
  return `avc1.${p}${l.toString(16).padStart(2, '0')}`;
}

/** ffprobe's JSON of a live stream as a LiveSource. A live stream has no duration; parseProbe wants one. */
export function parseLiveProbe(probe: {
  format?: Record<string, unknown>;
  streams?: Array<Record<string, unknown>>;
}): LiveSource {
  const source = parseProbe({ ...probe, format: { ...(probe.format ?? {}), duration: '1' } });
  const v = (probe.streams ?? []).find((s) => s.codec_type === 'video');
  const bitrate = Number(v?.bit_rate);
  return {
    ...source,
    durationS: 0,
    videoCodecString: v?.codec_name === 'h264' ? avcCodecStringOf(v.profile, v.level) : undefined,
    videoBitrate: bitrate > 0 ? bitrate : undefined,
  };
}
