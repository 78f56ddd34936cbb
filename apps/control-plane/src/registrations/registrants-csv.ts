import { isMailLanguage, MailLanguage } from '#mail';

export interface CsvRegistrant {
  line: number;
  name: string;
  email: string;
  language?: MailLanguage;
}

export interface CsvProblem {
  line: number;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const CSV_IMPORT_MAX_ROWS = 5000;

/**
 * Registrants from CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with a header row naming `name` and
 * `email` columns, and optionally `language` (en or fr), in any order. Rows that break a rule come back as problems
 * with their line number; the others are imported.
 */
export function parseRegistrantsCsv(text: string): { rows: CsvRegistrant[]; problems: CsvProblem[] } {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  const col = (name: string) => columns.indexOf(name);
  if (col('name') < 0 || col('email') < 0) {
    return {
      rows: [],
      problems: [{ line: 1, message: 'the first line must name the columns: name,email[,language]' }],
    };
  }
  const rows: CsvRegistrant[] = [];
  const problems: CsvProblem[] = [];
  for (const r of records) {
    if (r.fields.every((f) => f.trim() === '')) continue;
    const name = (r.fields[col('name')] ?? '').trim();
    const email = (r.fields[col('email')] ?? '').trim();
    const language = col('language') >= 0 ? (r.fields[col('language')] ?? '').trim().toLowerCase() : '';
    if (!name || name.length > 200) problems.push({ line: r.line, message: 'name must be 1 to 200 characters' });
    else if (!EMAIL.test(email) || email.length > 254) {
      problems.push({ line: r.line, message: `"${email}" is not an e-mail address` });
    } else if (language && !isMailLanguage(language)) {
      problems.push({ line: r.line, message: `language must be en or fr, not "${language}"` });
    } else rows.push({ line: r.line, name, email, ...(language ? { language: language as MailLanguage } : {}) });
  }
  return { rows, problems };
}

function csvRecords(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out;
}
