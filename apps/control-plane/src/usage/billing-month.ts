/** A calendar month in UTC, the period usage and overage fees are summed over: [from, until). */
export interface BillingMonth {
  /** YYYY-MM */
  month: string;
  from: Date;
  until: Date;
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The UTC month named `YYYY-MM`, or the month `now` falls in. */
export function billingMonth(month?: string, now: Date = new Date()): BillingMonth {
  const [year, index] = month
    ? [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1]
    : [now.getUTCFullYear(), now.getUTCMonth()];
  return {
    month: `${String(year).padStart(4, '0')}-${String(index + 1).padStart(2, '0')}`,
    from: utc(year, index),
    until: utc(year, index + 1),
  };
}

// setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
function utc(year: number, monthIndex: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, 1);
  return d;
}
