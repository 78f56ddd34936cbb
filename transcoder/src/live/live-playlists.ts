import type { RecordedSegment } from '#contracts';

// The playlists viewers read are written by the worker, not by ffmpeg: it names only segments already in storage,
// keeps one list across worker restarts (a discontinuity where a new worker took over), and knows the key URI.

export interface LocalSegment {
  uri: string;
  duration: number;
  iv: string;
  programDateTime?: string;
}

/** Segments of the playlist ffmpeg writes locally, each with the IV of the EXT-X-KEY in force for it. */
export function parseFfmpegPlaylist(text: string): LocalSegment[] {
  const out: LocalSegment[] = [];
  let duration: number | undefined;
  let iv = '';
  let programDateTime: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-KEY:')) iv = /IV=(0x[0-9a-fA-F]+)/.exec(line)?.[1] ?? '';
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) programDateTime = isoDate(line.slice(25));
    else if (line.startsWith('#EXTINF:')) duration = Number(line.slice(8).split(',')[0]);
    else if (line && !line.startsWith('#') && duration !== undefined) {
      out.push(programDateTime ? { uri: line, duration, iv, programDateTime } : { uri: line, duration, iv });
      duration = undefined;
      programDateTime = undefined;
    }
  }
  return out;
}

export interface MediaPlaylistOptions {
  keyUri: string;
  /** The live window: how many of the newest segments a live playlist names. */
  windowSize?: number;
  /** Whether the stream ended (EXT-X-ENDLIST). */
  ended: boolean;
  /** VOD for the full recording, none for a live window. */
  type?: 'VOD' | 'EVENT';
  /** Lower bound of EXT-X-TARGETDURATION (the configured segment length). */
  minTargetDuration: number;
}

/**
 * A media playlist of `all[...]` (a sliding window of the newest `windowSize` when given). Media sequence and
 * discontinuity sequence count the segments and discontinuities before the window, as RFC 8216 6.2.2 requires of a
 * playlist whose head slides off.
 */
export function renderMediaPlaylist(all: readonly RecordedSegment[], o: MediaPlaylistOptions): string {
  const start = o.windowSize ? Math.max(0, all.length - o.windowSize) : 0;
  const window = all.slice(start);
  const discontinuitiesBefore = all.slice(0, start).filter((s, i) => s.discontinuity && i > 0).length;
  // Target duration may not change while a playlist lives: take the longest segment so far, never less than configured.
  const target = Math.max(o.minTargetDuration, ...all.map((s) => Math.ceil(s.duration - 0.001)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-MEDIA-SEQUENCE:${start}`];
  if (discontinuitiesBefore) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitiesBefore}`);
  if (o.type) lines.push(`#EXT-X-PLAYLIST-TYPE:${o.type}`);
  lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  let iv = '';
  window.forEach((s, i) => {
    if (s.discontinuity && start + i > 0) lines.push('#EXT-X-DISCONTINUITY');
    if (i === 0 || s.iv !== iv) lines.push(`#EXT-X-KEY:METHOD=AES-128,URI="${o.keyUri}"${s.iv ? `,IV=${s.iv}` : ''}`);
    iv = s.iv;
    if (s.programDateTime) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${s.programDateTime}`);
    lines.push(`#EXTINF:${s.duration.toFixed(3)},`, s.uri);
  });
  if (o.ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

/** ffmpeg writes `2026-12-02T19:00:00.123+0000`; players and RFC 8216 want ISO 8601, which toISOString() gives. */
function isoDate(raw: string): string | undefined {
  const t = Date.parse(raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function totalDuration(all: readonly RecordedSegment[]): number {
  return all.reduce((t, s) => t + s.duration, 0);
}
