// What Stage remembers of a viewer's watching, when a view counts, what creators may see of their audience, and
// what is trending (DESIGN.md section 9). Pure: the control plane applies these rules and stores the outcome.

export interface StageWatchRules {
  /** Below this fraction of the video, nothing is saved: the viewer only sampled it. */
  resumeFromFraction: number;
  /** From this fraction on, the video is marked watched and the next play starts at the beginning. */
  watchedFromFraction: number;
  /** Seconds actually played before a view counts. */
  viewAfterSeconds: number;
  /** One viewer counts at most one view of a video in this window. */
  viewWindowMs: number;
  /** Creators see no breakdown of an audience, nor any part of one, smaller than this many viewers. */
  minimumAudience: number;
}

export const STAGE_WATCH_RULES: StageWatchRules = {
  resumeFromFraction: 0.05,
  watchedFromFraction: 0.9,
  viewAfterSeconds: 10,
  viewWindowMs: 3_600_000,
  minimumAudience: 10,
};

/** What to store for a viewer who stopped at `positionSeconds`: null stores nothing (keep what was there). */
export interface WatchRecord {
  positionSeconds: number;
  watched: boolean;
}

export function watchRecord(
  positionSeconds: number,
  durationSeconds: number,
  rules: StageWatchRules = STAGE_WATCH_RULES,
): WatchRecord | null {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new RangeError(`a video's duration must be positive, got ${durationSeconds}`);
  }
  if (!Number.isFinite(positionSeconds)) throw new RangeError(`a position must be a number, got ${positionSeconds}`);
  const position = Math.min(Math.max(positionSeconds, 0), durationSeconds);
  const fraction = position / durationSeconds;
  if (fraction >= rules.watchedFromFraction) return { positionSeconds: 0, watched: true };
  if (fraction < rules.resumeFromFraction) return null;
  return { positionSeconds: position, watched: false };
}

/**
 * True when this play counts as a view: `playedSeconds` of actual playback (seeking ahead plays nothing), and no
 * view of this viewer for this video counted within the window. A video shorter than the threshold counts once
 * played through, or it could never count at all.
 */
export function countsAsView(
  play: { playedSeconds: number; durationSeconds: number; lastCountedAt: Date | null; now: Date },
  rules: StageWatchRules = STAGE_WATCH_RULES,
): boolean {
  const threshold = Math.min(rules.viewAfterSeconds, play.durationSeconds);
  if (!(play.playedSeconds >= threshold)) return false;
  return play.lastCountedAt === null || play.now.getTime() - play.lastCountedAt.getTime() >= rules.viewWindowMs;
}

export interface AudienceBucket {
  /** What the bucket is: a language, a country, a day... */
  key: string;
  /** Distinct viewers in it. */
  viewers: number;
}

/** A breakdown as a creator sees it: `other` pools the groups too small to show on their own. */
export type CreatorBreakdown = { hidden: true } | { hidden: false; buckets: AudienceBucket[]; other: number };

/**
 * Hides the breakdown of an audience under the minimum, and pools smaller groups into `other`. When `other` alone
 * would be under the minimum, the smallest shown groups join it: a creator who knows the total must not be able to
 * subtract their way to a small group.
 */
export function creatorBreakdown(
  buckets: readonly AudienceBucket[],
  rules: StageWatchRules = STAGE_WATCH_RULES,
): CreatorBreakdown {
  const min = rules.minimumAudience;
  const total = buckets.reduce((sum, b) => sum + b.viewers, 0);
  if (total < min) return { hidden: true };
  const shown = buckets
    .filter((b) => b.viewers >= min)
    .sort((a, b) => b.viewers - a.viewers || (a.key < b.key ? -1 : 1));
  let other = total - shown.reduce((sum, b) => sum + b.viewers, 0);
  while (other > 0 && other < min) other += (shown.pop() as AudienceBucket).viewers;
  return { hidden: false, buckets: shown, other };
}

/**
 * Trending ranks by popularity with exponential time decay: each view weighs 2^(-age / halfLife), so a view one
 * half-life old counts half as much as one now, two half-lives old a quarter. A short half-life follows the news
 * of the day; a long one approaches all-time popularity. Views "from the future" (clock skew) weigh as now.
 */
export const DEFAULT_TRENDING_HALF_LIFE_MS = 3 * 24 * 3_600_000;

export function viewWeight(viewedAt: Date, now: Date, halfLifeMs: number = DEFAULT_TRENDING_HALF_LIFE_MS): number {
  if (!(halfLifeMs > 0)) throw new RangeError(`the half-life must be positive, got ${halfLifeMs}`);
  const age = Math.max(0, now.getTime() - viewedAt.getTime());
  return 2 ** (-age / halfLifeMs);
}

export function trendingScore(
  viewTimes: readonly Date[],
  now: Date,
  halfLifeMs: number = DEFAULT_TRENDING_HALF_LIFE_MS,
): number {
  return viewTimes.reduce((score, t) => score + viewWeight(t, now, halfLifeMs), 0);
}

/** Videos by decayed popularity, highest first; equal scores keep the order given. */
export function rankTrending<T extends { viewTimes: readonly Date[] }>(
  videos: readonly T[],
  now: Date,
  halfLifeMs: number = DEFAULT_TRENDING_HALF_LIFE_MS,
): T[] {
  return videos
    .map((video, i) => ({ video, i, score: trendingScore(video.viewTimes, now, halfLifeMs) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.video);
}
