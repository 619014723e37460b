/**
 * Calendar arithmetic for the demo data, all in UTC epoch milliseconds. Everything is derived from one
 * `now`, never from the wall clock, so a fixed `now` gives fixed data. Calendar dates are 'YYYY-MM-DD'
 * strings, which is also how both database engines hand DATE columns back.
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** Midnight UTC of the day containing `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function parseDate(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

export function yearOf(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

/**
 * `ms` shifted by whole calendar months. JavaScript rolls day overflow forward (31 March minus one month is
 * 3 March), which is never earlier than PostgreSQL's clamped `- interval 'n months'` (28/29 February): a
 * window starting here lies inside the one a SQL check computes.
 */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

export function addYears(ms: number, years: number): number {
  return addMonths(ms, years * 12);
}

/** Midnight UTC on `day` `month` (1-based) of `year`. */
export function dateOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}
