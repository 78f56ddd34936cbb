import type { MailLanguage } from './mail-language';

/** A mail's content once, rendered to the plain-text and the HTML part alike. */
export type MailBlock = { kind: 'paragraph'; text: string } | { kind: 'link'; label: string; url: string };

export interface MailDocument {
  language: MailLanguage;
  subject: string;
  blocks: MailBlock[];
}

export function renderText(doc: MailDocument): string {
  return doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `${b.label}:\n${b.url}`)).join('\n\n') + '\n';
}

// Every inline style our mails use, once: the web app's CSP allows exactly these (by hash) in its mail preview.
const STYLE = {
  paragraph: 'margin:0 0 16px',
  button:
    'display:inline-block;padding:10px 18px;background:#1c5bd9;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600',
  url: 'margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all',
  body: 'margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a',
} as const;

export const MAIL_INLINE_STYLES: readonly string[] = Object.values(STYLE);

export function renderHtml(doc: MailDocument): string {
  const body = doc.blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? `<p style="${STYLE.paragraph}">${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`
        : `<p style="${STYLE.paragraph}"><a href="${escapeHtml(b.url)}" style="${STYLE.button}">${escapeHtml(b.label)}</a></p>` +
          `<p style="${STYLE.url}">${escapeHtml(b.url)}</p>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${doc.language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
