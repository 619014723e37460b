import { Purpose } from "./purposes";

/**
 * Purposes that see what happened but not to whom (issue 16). The stable subject id would let an analyst join
 * results across queries and over months into a profile of one person, so these purposes see every id
 * (subject, login event, log line) as a keyed pseudonym instead, and their paging cursors are sealed so
 * they carry no real id either. They cannot look a subject up by id at all (a real id learned elsewhere would
 * give back that person's pseudonym): they list subjects.
 */
export const PSEUDONYMOUS_PURPOSES: ReadonlySet<Purpose> = new Set([Purpose.ANALYTICS, Purpose.IMPROVEMENT]);

/**
 * The key period: the calendar month, in UTC ("2026-12"). A pseudonym is the same for one purpose within one
 * month (an analyst can count a month's distinct visitors and follow a session), and different in another
 * month or for another purpose (no profile builds up over time or across purposes).
 */
export function pseudonymPeriod(at: Date): string {
  return at.toISOString().slice(0, 7);
}
