import type { EnvVar } from '#config';

// The admission nodes as browsers reach them (the attendee page connects to one of them). Comma-separated http(s)
// URLs; the default is what `npm start` runs (scripts/process-table.js passes the real ports).
function urlList(describe: string, def: string[]): EnvVar<string[]> {
  return {
    describe: `${describe} (comma-separated http or https URLs)`,
    default: def,
    parse: (raw) => {
      const urls = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (urls.length === 0) throw new Error('empty');
      for (const u of urls) {
        if (!['http:', 'https:'].includes(new URL(u).protocol)) throw new Error('not http');
      }
      return urls.map((u) => u.replace(/\/+$/, ''));
    },
    format: (urls) => urls.join(','),
  };
}

export const attendeeSettings = {
  ADMISSION_PUBLIC_URLS: urlList('admission nodes the attendee page connects to (Socket.io)', [
    'http://127.0.0.1:3100',
    'http://127.0.0.1:3101',
  ]),
};
