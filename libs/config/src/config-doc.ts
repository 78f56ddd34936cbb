import type { EnvSchema, EnvVar } from './env-schema';

// docs/configuration.md is rendered from the env schemas themselves, so the page cannot drift from what the
// processes accept: scripts/config-doc.ts lists the schemas, this renders them, and a test compares the file.

export interface SettingsSection {
  /** Heading of the section, e.g. "Admission node". */
  title: string;
  /** Where the schema is defined, relative to the repository root. */
  source: string;
  /** One paragraph: which processes read these variables. */
  intro: string;
  schema: EnvSchema;
  /** Settings shared by several processes are rendered once; later sections name them instead of repeating them. */
  shared?: boolean;
}

/** What a default must not print, or the page would differ from one machine to the next. */
export interface MachineFacts {
  hostname: string;
  tmpdir: string;
  cwd: string;
}

export interface ConfigDoc {
  title: string;
  /** Paragraphs before the sections. */
  preface: string[];
  sections: SettingsSection[];
}

/** The Markdown page; throws when a default would print something of this machine (see `documentedAs`). */
export function renderConfigDoc(doc: ConfigDoc, machine: MachineFacts): string {
  const lines: string[] = [`# ${doc.title}`, ''];
  for (const p of doc.preface) lines.push(p, '');
  const shared = doc.sections.filter((s) => s.shared);
  const rendered = doc.sections.map((section) => ({ section, own: ownVariables(section, shared) }));
  for (const { section, own } of rendered) {
    lines.push(`- [${section.title}](#${anchorOf(section.title)}): ${own.map(([name]) => `\`${name}\``).join(', ')}`);
  }
  lines.push('');
  for (const { section, own } of rendered) {
    lines.push(`## ${section.title}`, '', `${section.intro} Defined in \`${section.source}\`.`, '');
    const alsoReads = section.shared ? [] : shared.filter((s) => sharesAny(section.schema, s.schema));
    if (alsoReads.length) {
      lines.push(
        `Also reads ${alsoReads.map((s) => `[${s.title.toLowerCase()}](#${anchorOf(s.title)})`).join(' and ')}.`,
        '',
      );
    }
    lines.push(
      ...table(
        ['variable', 'default', 'meaning'],
        own.map(([name, v]) => [`\`${name}\``, defaultOf(name, v, machine), escapeCell(v.describe)]),
      ),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** GitHub's anchor for a heading: lower case, spaces to dashes, punctuation dropped. */
export function anchorOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function ownVariables(section: SettingsSection, shared: SettingsSection[]): [string, EnvVar<unknown>][] {
  const entries = Object.entries(section.schema);
  if (section.shared) return entries;
  return entries.filter(([name, v]) => !shared.some((s) => s.schema[name] === v));
}

function sharesAny(schema: EnvSchema, shared: EnvSchema): boolean {
  return Object.entries(schema).some(([name, v]) => shared[name] === v);
}

function defaultOf(name: string, v: EnvVar<unknown>, machine: MachineFacts): string {
  if (v.documentedDefault !== undefined) return `\`${escapeCell(v.documentedDefault)}\``;
  if (!('default' in v)) return 'required';
  if (v.default === undefined) return 'unset';
  const text = v.format ? v.format(v.default) : plain(v.default);
  const leak = machineSpecific(text, machine);
  if (leak) {
    throw new Error(
      `${name}: its default ${JSON.stringify(text)} contains this machine's ${leak}; wrap the variable in documentedAs('<…>', …) so the page reads the same everywhere`,
    );
  }
  return `\`${escapeCell(text)}\``;
}

function plain(value: unknown): string {
  if (Array.isArray(value)) return value.map(plain).join(',');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function machineSpecific(text: string, m: MachineFacts): string | undefined {
  const escaped = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const path = (p: string) => p.length > 1 && new RegExp(`(^|[^A-Za-z0-9])${escaped(p)}($|/)`).test(text);
  // a host name is a word of its own, though it may be joined to others with dashes (`<host>-<pid>`)
  const word = (w: string) => w !== '' && new RegExp(`(^|[^A-Za-z0-9.])${escaped(w)}($|[^A-Za-z0-9.])`).test(text);
  if (path(m.tmpdir)) return `temp folder (${m.tmpdir})`;
  if (path(m.cwd)) return `working folder (${m.cwd})`;
  if (word(m.hostname)) return `host name (${m.hostname})`;
  return undefined;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A Markdown table with its columns padded, so the file reads as a table too. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
