// RFC 4180 fields; a leading =, +, - or @ is defused so a spreadsheet never runs a registrant's name as a formula.
function field(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first one the header) as CSV text with CRLF line ends. */
export function csvTable(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
