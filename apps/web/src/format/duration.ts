import type { TFunction } from 'i18next';

/** "2 h 30 min", "8 h", "45 min" in the current language. */
export function formatDuration(t: TFunction, ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('duration.minutes', { m });
  if (m === 0) return t('duration.hours', { h });
  return t('duration.hoursMinutes', { h, m });
}
