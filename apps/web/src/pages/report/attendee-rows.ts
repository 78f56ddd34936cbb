// The per-attendee table's rules, apart from the component so they are unit tested: search by name or email,
// sort by any column (ties by name, then id, so pages never reshuffle), one page at a time. The report already
// carries every attendee, so this runs in the browser over at most the event's registrants.

export interface AttendeeRow {
  registrantId: string;
  name: string;
  email: string;
  sessions: { joinAt: string }[];
  devices: number;
  watchMinutes: number;
}

export type AttendeeSortKey = 'name' | 'email' | 'sessions' | 'devices' | 'watchMinutes' | 'firstJoin';
export interface AttendeeSort {
  key: AttendeeSortKey;
  descending: boolean;
}

const firstJoin = (a: AttendeeRow) => a.sessions.reduce((m, s) => (s.joinAt < m ? s.joinAt : m), '\uffff');

const VALUE: Record<AttendeeSortKey, (a: AttendeeRow) => string | number> = {
  name: (a) => a.name.toLocaleLowerCase(),
  email: (a) => a.email.toLocaleLowerCase(),
  sessions: (a) => a.sessions.length,
  devices: (a) => a.devices,
  watchMinutes: (a) => a.watchMinutes,
  firstJoin,
};

export function attendeeRows<T extends AttendeeRow>(
  all: readonly T[],
  { q, sort, offset, limit }: { q: string; sort: AttendeeSort; offset: number; limit: number },
): { total: number; items: T[] } {
  const needle = q.trim().toLocaleLowerCase();
  const matching = needle
    ? all.filter((a) => a.name.toLocaleLowerCase().includes(needle) || a.email.toLocaleLowerCase().includes(needle))
    : [...all];
  const value = VALUE[sort.key];
  const sign = sort.descending ? -1 : 1;
  matching.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const byKey = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return sign * byKey || a.name.localeCompare(b.name) || a.registrantId.localeCompare(b.registrantId);
  });
  return { total: matching.length, items: matching.slice(offset, offset + limit) };
}
