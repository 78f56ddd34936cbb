// Sizes, bitrates and percents in the page's language through Intl ("12.3 MB", "12,3 Mo"; "2,500 kb/s"), decimal
// units as storage and network figures are quoted.

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function formatBytes(locale: string, bytes: number): string {
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

export function formatBitrate(locale: string, bitsPerSecond: number): string {
  const kbps = bitsPerSecond / 1000;
  return kbps >= 1000
    ? new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'megabit-per-second',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(kbps / 1000)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobit-per-second', unitDisplay: 'short' }).format(
        Math.round(kbps),
      );
}

/** 0..100 as "45 %" / "45 %" (the language decides the spacing). */
export function formatPercent(locale: string, percent: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** A video's length as a clock, "0:08", "12:05", "1:02:03" (the same in both languages). */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
