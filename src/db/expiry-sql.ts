/**
 * The retention run's two statements for one source table, given the SQL condition (on alias `t`, cut-off `$1`)
 * under which a row has expired: its expired rows (counted, with those a hold keeps named), and one bounded
 * batch of them deleted. Set-based: the held ids travel as ONE array parameter, whatever their number.
 * `FOR UPDATE SKIP LOCKED` lets several gateways run at once: each batch takes rows no other run holds, so every
 * row is deleted once and no run waits for another.
 */
export function expirySql(table: string, expired: string) {
  return {
    count: `SELECT (SELECT count(*) FROM ${table} t WHERE ${expired})::int AS candidates,
      ARRAY(SELECT t.id::text FROM ${table} t WHERE ${expired} AND t.id = ANY($2::uuid[])) AS held`,
    // ANY(ARRAY(…)): the batch's ids are taken once, then deleted through the primary key. As `id IN (SELECT …)`
    // the planner joined the whole table against the batch on every statement (bench/RESULTS.md, 2026-12-06).
    deleteBatch: `WITH d AS (DELETE FROM ${table} WHERE id = ANY(ARRAY(
        SELECT t.id FROM ${table} t WHERE ${expired} AND t.id <> ALL($2::uuid[]) LIMIT $3 FOR UPDATE OF t SKIP LOCKED))
      RETURNING 1) SELECT count(*)::int AS n FROM d`,
  };
}

/** What a count answers: the expired rows, and the ids among them that a hold keeps. */
export interface ExpiredRows {
  candidates: number;
  held: string[];
}

/** The cut-off as a date column compares with it: the UTC calendar day of `before` (a UTC midnight). */
export const isoDay = (before: Date): string => before.toISOString().slice(0, 10);

/**
 * Runs one table's expiry statements (expirySql) on its store. `cutoff` turns the cut-off moment into the
 * parameter the condition compares with: the moment itself for timestamps, `isoDay` for a date column.
 */
export class ExpiringRows {
  constructor(
    private readonly statements: { rows<T>(sql: string, params: unknown[]): Promise<T[]> },
    private readonly sql: ReturnType<typeof expirySql>,
    private readonly cutoff: (before: Date) => Date | string = (before) => before,
  ) {}

  /** Rows expired before `before`, and which of `heldIds` are among them. */
  async expired(before: Date, heldIds: readonly string[] = []): Promise<ExpiredRows> {
    const [row] = await this.statements.rows<ExpiredRows>(this.sql.count, [this.cutoff(before), heldIds]);
    return row;
  }

  /** Deletes one batch of at most `limit` of them, never one of `heldIds`; how many went. */
  async deleteExpired(before: Date, heldIds: readonly string[], limit: number): Promise<number> {
    const [row] = await this.statements.rows<{ n: number }>(this.sql.deleteBatch, [this.cutoff(before), heldIds, limit]);
    return row.n;
  }
}
