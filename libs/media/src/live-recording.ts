import type { LiveJobResult, RecordedSegment } from '#contracts';
import type { LiveLadder } from './live-ladder';
import { buildMasterPlaylist, measureBandwidth } from './master-playlist';

// The playlists of a live recording, rendered from the segments recorded in storage (their list lives in Redis). The
// live worker writes them as the stream goes and closes the recording at its end; the control plane closes it the
// same way when the live job failed for good, so what was stored stays playable.

export const LIVE_MASTER = 'master.m3u8';
export const REPLAY_MASTER = 'replay.m3u8';
export const LIVE_PLAYLIST = 'live.m3u8';
export const REPLAY_PLAYLIST = 'replay.m3u8';
export const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

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

export function totalDuration(all: readonly RecordedSegment[]): number {
  return all.reduce((t, s) => t + s.duration, 0);
}

export function liveCodecsOf(ladder: LiveLadder, i: number): string[] {
  return [ladder.renditions[i].videoCodec, ...(ladder.audio ? [ladder.audio.codec] : [])];
}

/** Master playlist: measured bandwidth once segments exist (replay), the ladder's declared rates before (live). */
export function liveMasterPlaylist(
  ladder: LiveLadder,
  recorded: readonly (readonly RecordedSegment[])[],
  playlist: string,
  measured: boolean,
): string {
  const audioBps = ladder.audio ? ladder.audio.kbps * 1000 : 0;
  return buildMasterPlaylist(
    ladder.renditions.map((r, i) => {
      const bw = measureBandwidth((recorded[i] ?? []).map((s) => ({ durationS: s.duration, bytes: s.bytes })));
      const declared = r.maxrateKbps * 1000 + audioBps;
      return {
        uri: `${r.name}/${playlist}`,
        bandwidth: measured && bw.peak > 0 ? bw.peak : Math.max(declared, bw.peak),
        averageBandwidth: measured && bw.average > 0 ? bw.average : r.videoKbps * 1000 + audioBps,
        codecs: liveCodecsOf(ladder, i),
        resolution: { width: r.width, height: r.height },
        frameRate: r.fps,
      };
    }),
  );
}

export interface ClosingRecording {
  eventId: string;
  assetId: string;
  /** Object key prefix of the event's playlists and segments (ends in '/'). */
  outputPrefix: string;
  keyUri: string;
  segmentSeconds: number;
  /** The live window; without it the closed live playlists name every segment. */
  windowSize?: number;
  ladder: LiveLadder | null;
  /** Segments in storage, one list per rendition of the ladder, in its order. */
  recorded: readonly (readonly RecordedSegment[])[];
  endReason: string;
}

/**
 * What closes a live recording: for each rendition with segments its VOD replay playlist and its live playlist with
 * ENDLIST, the replay master, and the result the control plane makes a ready asset of. Nothing is written (and
 * `durationS` is 0) when no segment was stored.
 */
export function closeLiveRecording(c: ClosingRecording): {
  objects: Array<{ key: string; body: string }>;
  result: Omit<LiveJobResult, 'ffmpegSeconds' | 'resumes'>;
} {
  const objects: Array<{ key: string; body: string }> = [];
  const ladder = c.ladder;
  const renditionKey = (i: number, playlist: string) => `${c.outputPrefix}${ladder!.renditions[i].name}/${playlist}`;
  const masterKey = `${c.outputPrefix}${REPLAY_MASTER}`;
  const withSegments = ladder ? ladder.renditions.map((_, i) => i).filter((i) => c.recorded[i]?.length) : [];
  for (const i of withSegments) {
    const common = { keyUri: c.keyUri, ended: true, minTargetDuration: c.segmentSeconds };
    objects.push({
      key: renditionKey(i, REPLAY_PLAYLIST),
      body: renderMediaPlaylist(c.recorded[i], { ...common, type: 'VOD' }),
    });
    objects.push({
      key: renditionKey(i, LIVE_PLAYLIST),
      body: renderMediaPlaylist(c.recorded[i], { ...common, windowSize: c.windowSize }),
    });
  }
  if (ladder && withSegments.length) {
    objects.push({ key: masterKey, body: liveMasterPlaylist(ladder, c.recorded, REPLAY_PLAYLIST, true) });
  }
  const renditions = ladder
    ? ladder.renditions.map((r, i) => {
        const segs = c.recorded[i] ?? [];
        const bw = measureBandwidth(segs.map((s) => ({ durationS: s.duration, bytes: s.bytes })));
        return {
          name: r.name,
          width: r.width,
          height: r.height,
          bandwidth: Math.ceil(bw.peak),
          averageBandwidth: Math.ceil(bw.average),
          codecs: liveCodecsOf(ladder, i),
          bytes: segs.reduce((t, s) => t + s.bytes, 0),
          playlistKey: renditionKey(i, REPLAY_PLAYLIST),
        };
      })
    : [];
  return {
    objects,
    result: {
      eventId: c.eventId,
      assetId: c.assetId,
      attemptPrefix: c.outputPrefix,
      masterKey,
      liveMasterKey: `${c.outputPrefix}${LIVE_MASTER}`,
      durationS: withSegments.length ? totalDuration(c.recorded[withSegments[0]]) : 0,
      renditions,
      totalBytes: renditions.reduce((t, r) => t + r.bytes, 0),
      endReason: c.endReason,
    },
  };
}
