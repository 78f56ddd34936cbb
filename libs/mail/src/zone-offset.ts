// Time zone arithmetic on the runtime's own IANA database (Intl), so no zone data ships with the code.

/** True when the runtime knows this IANA time zone (e.g. Europe/Paris). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (Paris in summer: 120). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
  if (!m || !m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

export interface OffsetChange {
  /** The instant the new offset starts. */
  at: Date;
  fromMinutes: number;
  toMinutes: number;
}

const MINUTE = 60_000;
const STEP = 6 * 60 * MINUTE;

/** Every offset change of the zone in [from, to), found to the minute (zones change on the hour or half hour). */
export function zoneOffsetChanges(timeZone: string, from: Date, to: Date): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let t = from.getTime();
  let offset = zoneOffsetMinutes(from, timeZone);
  while (t < to.getTime()) {
    const next = Math.min(t + STEP, to.getTime());
    const nextOffset = zoneOffsetMinutes(new Date(next), timeZone);
    if (nextOffset !== offset) {
      // the change lies in (t, next]: halve until one minute apart
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (zoneOffsetMinutes(new Date(mid), timeZone) === offset) lo = mid;
        else hi = mid;
      }
      changes.push({ at: new Date(hi), fromMinutes: offset, toMinutes: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return changes;
}

/** The wall-clock time in the zone at an instant, as a Date whose UTC fields hold it. */
export function wallClock(at: Date, timeZone: string): Date {
  return new Date(at.getTime() + zoneOffsetMinutes(at, timeZone) * MINUTE);
}
