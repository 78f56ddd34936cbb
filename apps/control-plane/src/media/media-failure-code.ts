// The reasons a transcode fails are English sentences written where the failure is found (libs/media's probe,
// the vod worker, the queue). The web app shows them in the viewer's language, so each is also given a code: the
// sentence's opening names its kind. media-failure-code.test.ts feeds it the real sentences, so a reworded one
// that no longer matches is caught there.

export const MEDIA_FAILURE_CODES = [
  'not-media',
  'no-tracks',
  'no-duration',
  'missing-index',
  'incomplete',
  'damaged',
  'source-gone',
  'unreadable',
  'workers-stopped',
  'job-lost',
  'retries-exhausted',
  'live-not-recorded',
  'unknown',
] as const;

export type MediaFailureCode = (typeof MEDIA_FAILURE_CODES)[number];

const RULES: ReadonlyArray<[RegExp, MediaFailureCode]> = [
  [/^The file is not a video or audio file/, 'not-media'],
  [/^The file holds no video or audio track/, 'no-tracks'],
  [/^The file has no playable length/, 'no-duration'],
  [/^The file is incomplete: it is an MP4 whose index/, 'missing-index'],
  [/^The file is incomplete/, 'incomplete'],
  [/^The file is damaged/, 'damaged'],
  [/^The uploaded file is no longer in storage/, 'source-gone'],
  [/^The file could not be read as video or audio/, 'unreadable'],
  [/^Transcoding stopped: the transcoders working on this file kept stopping/, 'workers-stopped'],
  [/^The transcoding job was lost/, 'job-lost'],
  [/^Transcoding failed after \d+ attempts/, 'retries-exhausted'],
  [/^The live stream could not be transcoded and nothing of it was recorded/, 'live-not-recorded'],
];

/** The kind of a failure reason (null when there is none), 'unknown' for a sentence no rule knows. */
export function mediaFailureCode(reason: string | null): MediaFailureCode | null {
  if (reason === null) return null;
  return RULES.find(([pattern]) => pattern.test(reason))?.[1] ?? 'unknown';
}
