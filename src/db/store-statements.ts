import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import type { StoreName } from "../config/config";
import { combine, type Precondition, type StatementPart } from "./one-statement";
import { sqlStats, type SqlStats } from "./sql-stats";
import { StoreUnavailableError, storeFailure } from "./store-error";

/** The part of node-postgres' Pool used here (TypeORM's postgres driver keeps the pool as `master`). */
interface Pool {
  query(text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }>;
  query(statement: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Single statements on one store's own pool: the source adapters' reads and writes, the gateway's own
 * (privacy) store's reads, the audit trail and combined statements. The only code that reaches TypeORM's
 * pool; every statement is counted (sql-stats.ts), so "no N+1" stays measurable.
 *
 * Why not `dataSource.query()`: for a single statement TypeORM adds a query runner, pool checkout
 * callbacks, subscriber broadcasts and a result wrapper around the same pool call — several times per
 * request on the hot path (bench/). Transactions keep using TypeORM (inStore, store-error.ts).
 *
 * Two ways a failure is reported, as the callers have always relied on:
 * - `rows`: ANY failure is StoreUnavailableError naming the store (a source adapter's contract: its
 *   service either answers or is unavailable; the driver's text may hold SQL);
 * - `run` and `combined`: only an unreachable store is (storeFailure); anything else — a constraint, a
 *   failed precondition, a bug — reaches the caller unchanged.
 */
export class StoreStatements {
  constructor(
    readonly store: StoreName,
    private readonly ds: DataSource,
    private readonly stats: SqlStats = sqlStats,
  ) {}

  /** One statement's rows; any failure is StoreUnavailableError naming the store. */
  async rows<R>(sql: string, params: unknown[]): Promise<R[]> {
    this.count();
    try {
      return (await this.pool().query(sql, params)).rows as R[];
    } catch (err) {
      this.stats.errors++;
      throw new StoreUnavailableError(this.store, err);
    }
  }

  /** One statement's rows; an unreachable store is StoreUnavailableError, other failures pass unchanged. */
  async run<R>(sql: string, params: unknown[]): Promise<R[]> {
    this.count();
    try {
      return (await this.pool().query(sql, params)).rows as R[];
    } catch (err) {
      this.stats.errors++;
      throw storeFailure(this.store, err);
    }
  }

  /**
   * Runs `combine(parts)` (one-statement.ts; not inside a TypeORM transaction: the statement is its own) and
   * returns each returning part's rows by name. Failures as `run`: a failed precondition stays one.
   *
   * As a named (prepared) statement: a combined statement is long, and PostgreSQL's parsing and planning
   * of it is a large share of its cost (bench/RESULTS.md). Named (see combine), each pooled connection parses it once.
   */
  async combined(parts: readonly StatementPart[], requires: readonly Precondition[] = []): Promise<Record<string, unknown[]>> {
    const { text, params, name } = combine(parts, requires);
    this.count();
    try {
      const { rows } = await this.pool().query({ name, text, values: params });
      return (rows[0] as { parts: Record<string, unknown[]> }).parts;
    } catch (err) {
      this.stats.errors++;
      throw storeFailure(this.store, err);
    }
  }

  private count(): void {
    this.stats.total++;
    this.stats.byStore[this.store] = (this.stats.byStore[this.store] ?? 0) + 1;
  }

  private pool(): Pool {
    const pool = (this.ds.driver as PostgresDriver).master as Pool | undefined;
    if (!pool) throw new Error(`${this.store} store is not connected`);
    return pool;
  }
}
