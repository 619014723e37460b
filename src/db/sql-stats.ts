import type { Logger, QueryRunner } from "typeorm";

/**
 * Counts SQL statements sent by every DataSource (TypeORM calls `logQuery` for each one). The count is
 * what proves "no N+1" in tests and is reported per request by the benchmark via /metrics.
 * It never logs SQL text or parameters: those may hold personal data.
 */
export class SqlStats {
  total = 0;
  errors = 0;
  /**
   * Statements per store sent through StoreStatements (the source adapters' reads and writes, the privacy
   * store's single statements): proves that a denied category costs its source nothing.
   */
  readonly byStore: Record<string, number> = {};
}

export const sqlStats = new SqlStats();

export class CountingLogger implements Logger {
  constructor(private readonly stats: SqlStats = sqlStats) {}
  logQuery(_q: string, _p?: unknown[], _r?: QueryRunner): void {
    this.stats.total++;
  }
  logQueryError(): void {
    this.stats.errors++;
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
