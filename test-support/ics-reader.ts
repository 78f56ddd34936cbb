// A small iCalendar (RFC 5545) reader for tests, written apart from the builder in libs/mail so a test checks the
// builder's output against the standard, not against itself: it unfolds lines, splits parameters, and resolves a
// DTSTART;TZID=... through the file's own VTIMEZONE (never through the runtime's zone data).

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcsComponent {
  name: string;
  properties: IcsProperty[];
  components: IcsComponent[];
}

export function parseIcs(text: string): IcsComponent {
  if (!text.includes('\r\n')) throw new Error('iCalendar lines must end with CRLF');
  const physical = text.split('\r\n');
  for (const l of physical) {
    if (Buffer.byteLength(l) > 75) throw new Error(`line longer than 75 octets: ${l}`);
  }
  const lines: string[] = [];
  for (const l of physical) {
    if ((l.startsWith(' ') || l.startsWith('\t')) && lines.length > 0) lines[lines.length - 1] += l.slice(1);
    else if (l !== '') lines.push(l);
  }
  const stack: IcsComponent[] = [{ name: '', properties: [], components: [] }];
  for (const line of lines) {
    const p = parseLine(line);
    const top = stack[stack.length - 1];
    if (p.name === 'BEGIN') {
      const c = { name: p.value, properties: [], components: [] };
      top.components.push(c);
      stack.push(c);
    } else if (p.name === 'END') {
      if (top.name !== p.value) throw new Error(`END:${p.value} closes ${top.name}`);
      stack.pop();
    } else {
      top.properties.push(p);
    }
  }
  if (stack.length !== 1 || stack[0].components.length !== 1) throw new Error('unbalanced BEGIN/END');
  return stack[0].components[0];
}

function parseLine(line: string): IcsProperty {
  // the value starts at the first colon outside a quoted parameter value
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new Error(`no value: ${line}`);
  const [name, ...rawParams] = splitOutsideQuotes(line.slice(0, colon), ';');
  const params: Record<string, string> = {};
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    params[raw.slice(0, eq).toUpperCase()] = raw.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params, value: line.slice(colon + 1) };
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

export function component(parent: IcsComponent, name: string): IcsComponent {
  const c = parent.components.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} in ${parent.name}`);
  return c;
}

export function property(c: IcsComponent, name: string): IcsProperty {
  const p = c.properties.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name} in ${c.name}`);
  return p;
}

/** A TEXT value unescaped. */
export function textValue(p: IcsProperty): string {
  return p.value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function fields(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
  if (!m) throw new Error(`not a DATE-TIME: ${v}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

function offsetMs(v: string): number {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(v);
  if (!m) throw new Error(`not a UTC-OFFSET: ${v}`);
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 3600_000 + +m[3] * 60_000);
}

/** The instant a DATE-TIME property names: UTC (Z), or local time in the calendar's VTIMEZONE of its TZID. */
export function instantOf(calendar: IcsComponent, p: IcsProperty): Date {
  if (p.value.endsWith('Z')) return new Date(fields(p.value));
  const tzid = p.params.TZID;
  if (!tzid) throw new Error(`${p.name} is floating (no Z, no TZID)`);
  const zone = calendar.components.find(
    (c) => c.name === 'VTIMEZONE' && c.properties.some((x) => x.name === 'TZID' && x.value === tzid),
  );
  if (!zone) throw new Error(`no VTIMEZONE for TZID ${tzid}`);
  const observances = zone.components
    .map((o) => {
      if (o.properties.some((x) => x.name === 'RRULE' || x.name === 'RDATE')) {
        throw new Error('this reader handles dated observances only');
      }
      const from = offsetMs(property(o, 'TZOFFSETFROM').value);
      return { onset: fields(property(o, 'DTSTART').value) - from, to: offsetMs(property(o, 'TZOFFSETTO').value) };
    })
    .sort((a, b) => a.onset - b.onset);
  const local = fields(p.value);
  let offset: number | undefined;
  for (const o of observances) if (o.onset <= local - o.to) offset = o.to;
  if (offset === undefined) throw new Error(`${p.value} is before every observance of ${tzid}`);
  return new Date(local - offset);
}
