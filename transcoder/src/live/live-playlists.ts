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

/** ffmpeg writes `2026-12-02T19:00:00.123+0000`; players and RFC 8216 want ISO 8601, which toISOString() gives. */
function isoDate(raw: string): string | undefined {
  const t = Date.parse(raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

// the playlists of the recording are rendered in #media: the control plane closes a recording whose job failed too
export { renderMediaPlaylist, totalDuration } from '#media';
export type { MediaPlaylistOptions } from '#media';
