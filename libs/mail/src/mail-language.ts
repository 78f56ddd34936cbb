/** The languages registrants get their mails in. */
export const MAIL_LANGUAGES = ['en', 'fr'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];
export const DEFAULT_MAIL_LANGUAGE: MailLanguage = 'en';

export function isMailLanguage(value: unknown): value is MailLanguage {
  return typeof value === 'string' && (MAIL_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The registrant's language: the one the form sent when it is supported, else the best supported one of an
 * Accept-Language header (highest q first, `fr-CA` counts as `fr`), else English.
 */
export function pickMailLanguage(formLanguage: string | undefined, acceptLanguage: string | undefined): MailLanguage {
  const fromForm = formLanguage?.trim().toLowerCase().split('-')[0];
  if (isMailLanguage(fromForm)) return fromForm;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: range.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.tag).find(isMailLanguage) ?? DEFAULT_MAIL_LANGUAGE;
}
