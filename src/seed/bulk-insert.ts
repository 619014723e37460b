/** Anything that runs a parameterised statement: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A column: its name, its PostgreSQL type (the array element type for the cast) and how to read it. */
export type ColumnSpec<R> = readonly [name: string, pgType: string, value: (row: R) => unknown];

export interface TableSpec<R> {
  /** Qualified name, e.g. `crm.customer`; also the key in seed reports. */
  table: string;
  columns: ReadonlyArray<ColumnSpec<R>>;
}

/**
 * Rows per statement. With unnest there is one bind parameter per column, so PostgreSQL's 65,535-parameter
 * cap never applies; the batch size only bounds the size of a single protocol message.
 */
const BATCH_ROWS = 5_000;

/**
 * Set-based insert: `INSERT … SELECT * FROM unnest($1::uuid[], $2::text[], …)`, one array per column.
 * Explicit array casts make both node-postgres and PGlite send each array with the right element type
 * (uuid, inet, date, numeric, timestamptz); nulls inside the arrays become SQL NULLs.
 */
export async function insertRows<R>(db: Queryable, spec: TableSpec<R>, rows: readonly R[]): Promise<number> {
  const names = spec.columns.map(([name]) => `"${name}"`).join(", ");
  const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const sql = `INSERT INTO ${spec.table} (${names}) SELECT * FROM unnest(${arrays})`;
  for (let offset = 0; offset < rows.length; offset += BATCH_ROWS) {
    const batch = rows.slice(offset, offset + BATCH_ROWS);
    await db.query(sql, spec.columns.map(([, , value]) => batch.map(value)));
  }
  return rows.length;
}
