/**
 * How many records of one kind a subject has and when the oldest and the newest were made: all a rolling
 * retention rule is judged on (each record goes a fixed time after it was made). A source can answer it with
 * one aggregate per key, without sending every row.
 */
export interface RecordSpan {
  count: number;
  oldest: Date | string | null;
  newest: Date | string | null;
}

export const NO_RECORDS: RecordSpan = Object.freeze({ count: 0, oldest: null, newest: null });

/** The span of these record times (Dates or ISO timestamps), as a source's aggregate would give it. */
export function spanOf(times: readonly (Date | string)[]): RecordSpan {
  if (times.length === 0) return NO_RECORDS;
  let [oldest, newest] = [times[0], times[0]];
  for (const t of times) {
    const ms = new Date(t).getTime();
    if (ms < new Date(oldest).getTime()) oldest = t;
    if (ms > new Date(newest).getTime()) newest = t;
  }
  return { count: times.length, oldest, newest };
}

/** Spans by key from a source's aggregate rows, in the order of `keys` (a key without rows has none). */
export function spansByKey<K>(keys: readonly K[], rows: readonly (RecordSpan & { key: K })[]): RecordSpan[] {
  const byKey = new Map(rows.map((r) => [r.key, { count: r.count, oldest: r.oldest, newest: r.newest }]));
  return keys.map((k) => byKey.get(k) ?? NO_RECORDS);
}
