import { env } from '#config';

// Limits on what the public calls with a token it holds (join links, playback tokens) or without one (Stage's public
// pages and search, per address), and on Stage watch reports, counted in Redis. Sign-in and registration have their own settings next to them.
export const rateLimitSettings = {
  JOIN_INFO_RATE_LIMIT: env.int(
    'join-info requests per join link within JOIN_INFO_RATE_WINDOW (a waiting join page asks every 3 s, on up to 3 devices: 60 a minute; a leaked link being hammered is far above)',
    1,
    1_000_000,
    150,
  ),
  JOIN_INFO_RATE_WINDOW: env.duration('window of the join-link limit', 60_000),
  KEY_RATE_LIMIT: env.int(
    'decryption-key requests per playback token within KEY_RATE_WINDOW (a player asks once per rendition it plays)',
    1,
    1_000_000,
    120,
  ),
  KEY_RATE_WINDOW: env.duration('window of the key-request limit', 60_000),
  STAGE_PUBLIC_RATE_LIMIT: env.int(
    "anonymous reads of Stage's public channel and video pages per client IP (an IPv6 /64) within STAGE_PUBLIC_RATE_WINDOW; viewers behind one office NAT share it",
    1,
    1_000_000,
    600,
  ),
  STAGE_PUBLIC_RATE_WINDOW: env.duration('window of the Stage public-read limit', 60_000),
  STAGE_SEARCH_RATE_LIMIT: env.int(
    'Stage searches per client address within STAGE_SEARCH_RATE_WINDOW (a search box asks as the viewer types)',
    1,
    1_000_000,
    120,
  ),
  STAGE_SEARCH_RATE_WINDOW: env.duration('window of the Stage search limit', 60_000),
  STAGE_PROGRESS_INTERVAL: env.duration(
    "shortest time between two watch-progress reports of one Stage viewer for one video (the player's own pace is slower)",
    2_000,
  ),
};
