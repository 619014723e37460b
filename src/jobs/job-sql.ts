import { Pool } from "pg";
import type { QueryRunner } from "typeorm";
import type { PgliteEngine } from "../db/pglite-engine";
import { poolTimeouts, type StoreTimeouts } from "../db/store-timeouts";

/** What pg-boss needs from a database: its custom `db` option. */
export interface JobDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * The one door through which the queue reaches the privacy store, on either engine. Owning it (instead of
 * letting pg-boss open its own pool) lets `JobQueue.stop()` know when the last statement has finished and
 * refuse to activate new jobs while stopping: pg-boss calls complete() without awaiting it, so a statement
 * that fails after shutdown would be an unhandled rejection that ends the process.
 */
export abstract class JobSql implements JobDb {
  private inFlight = 0;
  private idle: Array<() => void> = [];
  /** Set while stopping: fetches return no jobs, so nothing is activated that nobody will finish. */
  draining = false;
  /** Set after stop: like pg-boss's own Db once closed, every statement is a no-op that returns nothing. */
  closed = false;

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> {
    // pg-boss's own Db answers `undefined` once closed, and its complete()/fail() expect exactly that.
    if (this.closed) return undefined as never;
    if (this.draining && isFetch(text)) return { rows: [] };
    this.inFlight++;
    try {
      return await this.run(text, values);
    } finally {
      if (--this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Resolves once no statement is running. */
  settled(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  protected abstract run(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  abstract end(): Promise<void>;
}

/** pg-boss's fetch (fetchNextJob in pg-boss 10's plans.js) is the only statement that activates jobs. */
const isFetch = (text: string) => /^\s*WITH next as \(/.test(text);

/** A real PostgreSQL: a small pool of its own on the privacy store's URL. */
export class PostgresJobSql extends JobSql {
  private readonly pool: Pool;
  constructor(url: string, timeouts: StoreTimeouts, max = 4) {
    super();
    // The same limits as the store's own pool: a privacy store that stops answering fails the job's statement
    // (pg-boss retries it) instead of holding a worker and the shutdown drain forever.
    this.pool = new Pool({ connectionString: url, max, application_name: "privacy-gateway:jobs", ...poolTimeouts(timeouts) });
    // An idle client that loses its server emits 'error'; without a listener that would crash the process.
    this.pool.on("error", () => undefined);
  }
  protected async run(text: string, values?: unknown[]) {
    return { rows: (await this.pool.query(text, values)).rows };
  }
  async end() {
    await this.pool.end();
  }
}

/**
 * The embedded engine. pg-boss sends two kinds of text: scripts without parameters (schema creation,
 * migrations, maintenance — several statements wrapped in BEGIN/COMMIT) that need PGlite's `exec`, and
 * single statements with parameters that need `query`. Each runs with exclusive use of the one session.
 */
export class PgliteJobSql extends JobSql {
  constructor(private readonly engine: PgliteEngine) {
    super();
  }
  protected async run(text: string, values?: unknown[]) {
    const { db, release } = await this.engine.acquire();
    try {
      if (values && values.length > 0) {
        // PGlite rejects `undefined`; node-postgres sends it as NULL, which pg-boss relies on.
        return { rows: (await db.query<Record<string, unknown>>(text, values.map((v) => v ?? null))).rows };
      }
      try {
        const results = await db.exec(text);
        return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
      } catch (err) {
        // A failed script stops mid-transaction; on a single session that would poison every later caller
        // (a pooled connection would merely be discarded), so end the transaction before giving it back.
        if (/\bBEGIN\b/i.test(text)) await db.exec("ROLLBACK").catch(() => undefined);
        throw err;
      }
    } finally {
      release();
    }
  }
  async end() {
    // The engine belongs to Databases, which closes it.
  }
}

/**
 * Runs a statement on the caller's open transaction, so a job is enqueued if and only if that transaction
 * commits. On PGlite this is also the only deadlock-free way to enqueue inside a transaction: the
 * transaction holds the one session, so a send through the engine would wait for it to end.
 */
export function transactionDb(queryRunner: QueryRunner): JobDb {
  return {
    async executeSql(text, values) {
      const result = await queryRunner.query(text, values?.map((v) => v ?? null), true);
      return { rows: (result.records ?? []) as Record<string, unknown>[] };
    },
  };
}
