import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { sqlStats, type SqlStats } from "./sql-stats";

interface PoolLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The read path of the source adapters: one set-based statement on the DataSource's own connection pool.
 *
 * Why not `dataSource.query()`: for a single read-only statement TypeORM adds a query runner, pool
 * checkout callbacks, subscriber broadcasts and a result wrapper around the same pool call — several
 * times per request on the hot path (bench/). Writes and transactions keep using TypeORM.
 * Statements are counted the same way, so "no N+1" stays measurable.
 */
export class SqlReader {
  constructor(
    private readonly ds: DataSource,
    private readonly stats: SqlStats = sqlStats,
  ) {}

  async rows<R>(sql: string, params: unknown[]): Promise<R[]> {
    const pool = (this.ds.driver as PostgresDriver).master as PoolLike | undefined;
    if (!pool) throw new Error("data source is not connected");
    this.stats.total++;
    try {
      return (await pool.query(sql, params)).rows as R[];
    } catch (err) {
      this.stats.errors++;
      throw err;
    }
  }
}
