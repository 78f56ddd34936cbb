import type { MailLanguage } from './mail-language';

const LOCALE: Record<MailLanguage, string> = { en: 'en', fr: 'fr' };

/** "Tuesday, March 3, 2026, 10:00 AM – 12:00 PM (Central European Standard Time)", in the event's zone. */
export function formatEventTime(startsAt: Date, endsAt: Date, timeZone: string, language: MailLanguage): string {
  const range = new Intl.DateTimeFormat(LOCALE[language], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).formatRange(startsAt, endsAt);
  const zone =
    new Intl.DateTimeFormat(LOCALE[language], { timeZone, timeZoneName: 'long' })
      .formatToParts(startsAt)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${range} (${zone})`;
}

const UNITS: Record<MailLanguage, [number, string, string][]> = {
  en: [
    [3_600_000, 'hour', 'hours'],
    [60_000, 'minute', 'minutes'],
    [1000, 'second', 'seconds'],
  ],
  fr: [
    [3_600_000, 'heure', 'heures'],
    [60_000, 'minute', 'minutes'],
    [1000, 'seconde', 'secondes'],
  ],
};

/** How long before the start a reminder comes, in words: "24 hours", "15 minutes", "90 secondes". */
export function formatLead(ms: number, language: MailLanguage): string {
  const units = UNITS[language];
  const [size, one, many] = units.find(([u]) => ms >= u && ms % u === 0) ?? units[units.length - 1];
  const n = Math.max(1, Math.round(ms / size));
  return `${n} ${n === 1 ? one : many}`;
}
