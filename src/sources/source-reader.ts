import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { sqlStats, type SqlStats } from "../db/sql-stats";
import { SourceUnavailableError } from "./source-error";

interface PoolLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The read path of one source adapter: one set-based statement on the source DataSource's own pool.
 * Any driver failure becomes a SourceUnavailableError naming the source (the driver's text may hold SQL).
 *
 * Why not `dataSource.query()`: for a single read-only statement TypeORM adds a query runner, pool
 * checkout callbacks, subscriber broadcasts and a result wrapper around the same pool call — several
 * times per request on the hot path (bench/). Writes and transactions keep using TypeORM.
 * Statements are counted the same way, so "no N+1" stays measurable.
 */
export class SourceReader {
  constructor(
    private readonly source: string,
    private readonly ds: DataSource,
    private readonly stats: SqlStats = sqlStats,
  ) {}

  async rows<R>(sql: string, params: unknown[]): Promise<R[]> {
    this.stats.total++;
    this.stats.bySource[this.source] = (this.stats.bySource[this.source] ?? 0) + 1;
    try {
      const pool = (this.ds.driver as PostgresDriver).master as PoolLike | undefined;
      if (!pool) throw new Error("data source is not connected");
      return (await pool.query(sql, params)).rows as R[];
    } catch (err) {
      this.stats.errors++;
      throw new SourceUnavailableError(this.source, err);
    }
  }
}
