// Wall-clock times in a chosen IANA time zone, for <input type="datetime-local"> values ("2026-03-01T10:00"):
// what the organizer types is read in the zone they picked, and sent as ISO 8601 with that zone's offset.
// Pure functions over Intl: no DOM, no dependency.

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes the zone is ahead of UTC at an instant (e.g. 60 for Europe/Paris in winter). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):?(\d{2})?$/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The instant a wall-clock time names in a zone, or null when the text is not a wall time. A time that does not
 * exist (skipped by a daylight-saving change) moves forward by the gap, as clocks do.
 */
export function wallTimeToInstant(wallTime: string, timeZone: string): Date | null {
  const m = WALL_TIME.exec(wallTime);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  // The offset at the guess, then at the corrected instant: two steps settle every zone, including DST edges.
  let t = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  t = asUtc - offsetMinutes(new Date(t), timeZone) * 60_000;
  return new Date(t);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The wall-clock time of an instant in a zone, as a datetime-local value. */
export function instantToWallTime(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** ISO 8601 with the zone's offset at that instant: "2026-03-01T10:00:00+01:00". */
export function isoInZone(at: Date, timeZone: string): string {
  const offset = offsetMinutes(at, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${instantToWallTime(at, timeZone)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone this browser knows, UTC first. */
export function supportedTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
