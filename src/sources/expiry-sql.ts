/**
 * The retention run's two statements for one dated source table: its expired rows (counted, with those a hold
 * keeps named), and one bounded batch of them deleted. Set-based: the held ids travel as ONE array parameter,
 * whatever their number. `FOR UPDATE SKIP LOCKED` lets several gateways run at once: each batch takes rows no
 * other run holds, so every row is deleted once and no run waits for another.
 */
export function expirySql(table: string, timeColumn: string) {
  return {
    count: `SELECT (SELECT count(*) FROM ${table} WHERE ${timeColumn} < $1)::int AS candidates,
      ARRAY(SELECT id::text FROM ${table} WHERE ${timeColumn} < $1 AND id = ANY($2::uuid[])) AS held`,
    deleteBatch: `WITH d AS (DELETE FROM ${table} WHERE id IN (
        SELECT id FROM ${table} WHERE ${timeColumn} < $1 AND id <> ALL($2::uuid[]) LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING 1) SELECT count(*)::int AS n FROM d`,
  };
}

/** What a count answers: the expired rows, and the ids among them that a hold keeps. */
export interface ExpiredRows {
  candidates: number;
  held: string[];
}
