import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// Numbers, money and dates through Intl in the page's language; dates in a given time zone (the event's as the
// organizer chose it) or the viewer's own.

/** The currency overage fees are quoted in until the API reports one with an order (the usage report does). */
export const DEFAULT_CURRENCY = 'EUR';

export interface Formatters {
  number(n: number): string;
  money(cents: number, currency?: string): string;
  dateTime(iso: string, timeZone?: string): string;
  date(iso: string, timeZone?: string): string;
  time(iso: string, timeZone?: string): string;
  /** "Europe/Paris (UTC+01:00)" style, at the given instant. */
  timeZoneName(timeZone: string, at?: Date): string;
}

export function formatters(locale: string): Formatters {
  return {
    number: (n) => new Intl.NumberFormat(locale).format(n),
    money: (cents, currency = DEFAULT_CURRENCY) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100),
    dateTime: (iso, timeZone) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)),
    date: (iso, timeZone) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso)),
    time: (iso, timeZone) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso)),
    timeZoneName: (timeZone, at = new Date()) => {
      const offset =
        new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
          .formatToParts(at)
          .find((p) => p.type === 'timeZoneName')?.value ?? '';
      return `${timeZone.replace(/_/g, ' ')} (${offset === 'GMT' ? 'UTC' : offset.replace('GMT', 'UTC')})`;
    },
  };
}

/** Formatters in the current language, re-made when it changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => formatters(locale), [locale]);
}
