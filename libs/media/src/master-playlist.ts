// The master playlist is written by us, not by ffmpeg: BANDWIDTH must be the PEAK segment bitrate actually
// produced (RFC 8216 4.3.4.2), which is known only after encoding, and CODECS must name the profile and level.

export interface VariantEntry {
  uri: string;
  /** Peak segment bitrate in bits/s. */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string[];
  resolution?: { width: number; height: number };
  frameRate?: number;
}

export function buildMasterPlaylist(variants: VariantEntry[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  // highest first: players that ignore BANDWIDTH start with the first entry; hls.js picks by its own estimate
  for (const v of [...variants].sort((a, b) => b.bandwidth - a.bandwidth)) {
    const attrs = [`BANDWIDTH=${Math.ceil(v.bandwidth)}`, `AVERAGE-BANDWIDTH=${Math.ceil(v.averageBandwidth)}`];
    if (v.resolution) attrs.push(`RESOLUTION=${v.resolution.width}x${v.resolution.height}`);
    if (v.frameRate) attrs.push(`FRAME-RATE=${v.frameRate.toFixed(3)}`);
    attrs.push(`CODECS="${v.codecs.join(',')}"`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri);
  }
  return lines.join('\n') + '\n';
}

export interface MediaPlaylistSegment {
  uri: string;
  durationS: number;
}

/** Segments of a media playlist, in order. */
export function parseMediaPlaylist(text: string): MediaPlaylistSegment[] {
  const out: MediaPlaylistSegment[] = [];
  let pending: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) pending = Number(line.slice(8).split(',')[0]);
    else if (line && !line.startsWith('#') && pending !== undefined) {
      out.push({ uri: line, durationS: pending });
      pending = undefined;
    }
  }
  return out;
}

/** Peak and average bitrate (bits/s) of a rendition from its segments' durations and byte sizes. */
export function measureBandwidth(segments: Array<{ durationS: number; bytes: number }>): {
  peak: number;
  average: number;
} {
  let peak = 0;
  let bytes = 0;
  let seconds = 0;
  for (const s of segments) {
    // a very short last segment overstates its rate; count it at no less than one second
    peak = Math.max(peak, (s.bytes * 8) / Math.max(s.durationS, 1));
    bytes += s.bytes;
    seconds += s.durationS;
  }
  return { peak, average: seconds > 0 ? (bytes * 8) / seconds : 0 };
}
