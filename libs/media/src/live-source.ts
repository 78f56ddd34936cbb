import { execFile } from 'node:child_process';
import { parseProbe } from '#media';
import type { LiveSource } from './live-ladder';

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

/** Pure: ffprobe's JSON of a live stream as a LiveSource. A live stream has no duration; parseProbe wants one. */
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

/** Probes the stream a presenter publishes (through ingest), waiting at most `timeoutMs` for it. */
export function probeLiveSource(url: string, timeoutMs: number): Promise<LiveSource> {
  const args = [
    '-v',
    'error',
    '-rw_timeout',
    String(timeoutMs * 1000),
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile('ffprobe', args, { maxBuffer: 4 * 1024 * 1024, timeout: timeoutMs + 5000 }, (err, stdout, stderr) => {
      if (err) {
        return reject(
          new Error(`could not probe the live stream ${url}: ${stderr.trim().split('\n').pop() || err.message}`),
        );
      }
      try {
        resolve(parseLiveProbe(JSON.parse(stdout)));
      } catch (e) {
        reject(new Error(`the live stream ${url} is not playable: ${(e as Error).message}`));
      }
    });
  });
}
