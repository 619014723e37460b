import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import type { EntityManager, QueryRunner } from "typeorm";
import type { AppConfig } from "../config/config";
import type { Databases } from "../db/data-sources";
import type { SqlFragment, StatementPart } from "../db/one-statement";
import { JobSql, PgliteJobSql, PostgresJobSql, transactionDb } from "./job-sql";

/** pg-boss's tables live in their own schema of the privacy store, apart from TypeORM's migrations. */
export const JOB_SCHEMA = "privacy_jobs";

export interface QueueOptions {
  /** Retries after the first attempt; past it the job is `failed` (and stays visible for follow-up). */
  retryLimit?: number;
  /** Seconds before the first retry; with backoff each retry waits about twice as long (with jitter). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** pg-boss 10 doubles up to 2^16 × retryDelay; we cap each wait so a returning source is noticed soon. */
  maxRetryDelaySeconds?: number;
  /** How long one attempt may run before it counts as failed (also when the gateway dies mid-job). */
  expireInSeconds?: number;
  /** Unfinished jobs older than this are archived, i.e. dropped: it must outlast the whole retry window. */
  retentionDays?: number;
}

/**
 * Erasure must not give up while a source is briefly down: 10 s, 20 s, 40 s … capped at one hour, for
 * 350 retries ≈ 14 days; queued jobs are kept 30 days. Then the job is `failed`, never silently dropped.
 */
export const ERASURE_QUEUE_DEFAULTS: Required<QueueOptions> = {
  retryLimit: 350,
  retryDelay: 10,
  retryBackoff: true,
  maxRetryDelaySeconds: 3600,
  expireInSeconds: 15 * 60,
  retentionDays: 30,
};

export interface Job<T> {
  id: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
}

export interface SendOptions {
  /** At most one job per (queue, key) exists until it is archived: resending is a no-op. */
  singletonKey?: string;
  /** Enqueue inside this open transaction: the job exists if and only if the transaction commits. */
  transaction?: EntityManager | QueryRunner;
  /** Not before this many seconds from now (a safety net that normally finds the work already done). */
  startAfterSeconds?: number;
}

export interface WorkOptions {
  /** pg-boss 10's minimum is 0.5 s. Each poll is one statement; on PGlite it shares the one session. */
  pollingIntervalSeconds?: number;
  batchSize?: number;
}

/** A durable job queue on the privacy store: pg-boss on PostgreSQL and, through `JobSql`, on PGlite. */
export class JobQueue {
  private readonly caps = new Map<string, number>();
  private handlers = 0;

  private constructor(
    private readonly boss: PgBoss,
    private readonly sql: JobSql,
  ) {}

  static async start(
    config: Pick<AppConfig, "databaseUrls" | "dbTimeouts">,
    dbs: Pick<Databases, "engine">,
    opts: { maintenanceIntervalSeconds?: number; schedule?: boolean; cronCheckSeconds?: number } = {},
  ): Promise<JobQueue> {
    const url = config.databaseUrls.privacy;
    if (!url && !dbs.engine) throw new Error("the privacy store has no URL and no embedded engine");
    const sql = url ? new PostgresJobSql(url, config.dbTimeouts) : new PgliteJobSql(dbs.engine!);
    const boss = new PgBoss({
      db: sql,
      schema: JOB_SCHEMA,
      // Cron (the daily retention run) adds a poller on an internal queue and a due check every cronCheckSeconds: only when scheduling.
      schedule: opts.schedule ?? false,
      cronMonitorIntervalSeconds: opts.cronCheckSeconds ?? 30,
      supervise: true, // maintenance: fails expired active jobs (a crash mid-job) so they are retried
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    });
    boss.on("error", () => undefined); // worker and maintenance errors are retried by pg-boss itself
    await boss.start(); // creates or migrates the schema, under an advisory lock
    return new JobQueue(boss, sql);
  }

  async createQueue(name: string, options: QueueOptions = {}): Promise<void> {
    const o = { ...ERASURE_QUEUE_DEFAULTS, ...options };
    this.caps.set(name, o.maxRetryDelaySeconds);
    const queue = {
      name,
      retryLimit: o.retryLimit,
      retryDelay: o.retryDelay,
      retryBackoff: o.retryBackoff,
      expireInSeconds: o.expireInSeconds,
      retentionMinutes: o.retentionDays * 24 * 60,
    };
    // Gateways starting at once on a new privacy store race in pg-boss's create_queue (its partition DDL) and
    // PostgreSQL breaks the deadlock by failing one of them: that one tries again, finding the queue made.
    await onDeadlockRetry(() => this.boss.createQueue(name, queue)); // does nothing if it exists…
    await onDeadlockRetry(() => this.boss.updateQueue(name, queue)); // …so apply changed settings to new jobs
  }

  /**
   * Sends a job to `name` on `cron` (five fields) in time zone `tz`, replacing the queue's earlier schedule. pg-boss
   * sends each due job once however many gateways run: one of them works it. Needs `schedule: true` at start.
   */
  async schedule(name: string, cron: string, tz: string): Promise<void> {
    await this.boss.schedule(name, cron, {}, { tz });
  }

  /** Removes the queue's schedule, if any (scheduling turned off). */
  async unschedule(name: string): Promise<void> {
    await this.boss.unschedule(name);
  }

  /** Returns the job's id; with a singletonKey, the same id every time (no second job is created). */
  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string> {
    const id = options.singletonKey ? keyedId(name, options.singletonKey) : undefined;
    const created = await this.boss.send(name, data, {
      id,
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
      db: this.dbOf(options.transaction),
    });
    const result = created ?? id;
    if (!result) throw new Error(`send: queue ${name} does not exist`);
    return result;
  }

  /**
   * Several jobs in one statement (pg-boss `insert`), each with a singletonKey (so resending is a no-op).
   * Options as for `send`, applied to all.
   */
  async sendMany<T extends object>(name: string, jobs: readonly { data: T; singletonKey: string }[], options: Omit<SendOptions, "singletonKey"> = {}): Promise<string[]> {
    const rows = this.jobRows(name, jobs, options);
    await this.boss.insert(rows, { db: this.dbOf(options.transaction) });
    return rows.map((r) => r.id);
  }

  /** pg-boss `insert` rows: the id derived from the singletonKey (so resending is a no-op). */
  private jobRows<T extends object>(name: string, jobs: readonly { data: T; singletonKey: string }[], options: Pick<SendOptions, "startAfterSeconds">) {
    const startAfter = options.startAfterSeconds ? String(options.startAfterSeconds) : undefined; // seconds, as an interval
    return jobs.map((j) => ({ id: keyedId(name, j.singletonKey), name, data: j.data, singletonKey: j.singletonKey, startAfter }));
  }

  /**
   * `sendMany` as a part of one combined statement (db/one-statement.ts), so the jobs exist if and only if
   * the rest of that statement commits. The text is pg-boss's own insert, taken through its `db` option
   * instead of being run: columns, queue defaults and retry policy stay pg-boss's.
   */
  async sendManyPart<T extends object>(name: string, jobs: readonly { data: T; singletonKey: string }[], options: Pick<SendOptions, "startAfterSeconds"> = {}): Promise<StatementPart> {
    const captured: SqlFragment[] = [];
    const capture = {
      async executeSql(text: string, values?: unknown[]) {
        captured.push({ text, params: (values ?? []).map((v) => v ?? null) }); // PGlite rejects undefined
        return { rows: [] };
      },
    };
    await this.boss.insert(this.jobRows(name, jobs, options), { db: capture });
    if (captured.length !== 1) throw new Error(`pg-boss insert sent ${captured.length} statements, expected 1`);
    return { name: "queued_jobs", ...captured[0] };
  }

  /**
   * `discard` as a part of one combined statement. pg-boss's deleteJob wraps its DELETE in a WITH, which
   * PostgreSQL does not allow inside another, so the DELETE is written here: the same rows (queue and id).
   */
  discardPart(name: string, singletonKeys: readonly string[]): StatementPart {
    return {
      name: "discarded_jobs",
      text: `DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
      params: [name, singletonKeys.map((k) => keyedId(name, k))],
    };
  }

  /** Removes queued jobs whose work was done another way (e.g. inline), so they never run. */
  async discard(name: string, singletonKeys: readonly string[], options: Pick<SendOptions, "transaction"> = {}): Promise<void> {
    await this.boss.deleteJob(name, singletonKeys.map((k) => keyedId(name, k)), { db: this.dbOf(options.transaction) });
  }

  /** The caller's open transaction as pg-boss's `db`, or undefined for the queue's own connection. */
  private dbOf(transaction: SendOptions["transaction"]) {
    if (!transaction) return undefined;
    const runner = "queryRunner" in transaction ? transaction.queryRunner : (transaction as QueryRunner);
    if (!runner) throw new Error("the EntityManager is not inside a transaction");
    return transactionDb(runner);
  }

  /**
   * Runs `handler` for each job. A handler that throws fails only its own job, which pg-boss retries with
   * backoff; a handler that returns completes it. Handlers must be idempotent: a job may run again after
   * a crash or a timeout.
   */
  async work<T>(name: string, handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}): Promise<string> {
    const { pollingIntervalSeconds = 2, batchSize = 1 } = options;
    const cap = this.caps.get(name) ?? ERASURE_QUEUE_DEFAULTS.maxRetryDelaySeconds;
    return this.boss.work<T>(name, { pollingIntervalSeconds, batchSize, includeMetadata: true }, async (jobs) => {
      this.handlers++;
      try {
        // Complete or fail each job ourselves: pg-boss would fail the whole batch if one handler threw.
        await Promise.all(jobs.map(async (job) => {
          try {
            await handler({ id: job.id, data: job.data, retryCount: job.retryCount });
            await this.boss.complete(name, job.id);
          } catch (err) {
            await this.boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
            await this.sql.executeSql(
              `UPDATE ${JOB_SCHEMA}.job SET start_after = LEAST(start_after, now() + $3 * interval '1 second')
               WHERE name = $1 AND id = $2 AND state = 'retry'`,
              [name, job.id, cap],
            );
          }
        }));
      } finally {
        this.handlers--;
      }
    });
  }

  /** Job counts per state, e.g. `{ created: 1, retry: 2 }`. */
  async counts(name: string): Promise<Record<string, number>> {
    const { rows } = await this.sql.executeSql(
      `SELECT state::text AS state, count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 GROUP BY state`,
      [name],
    );
    return Object.fromEntries(rows.map((r) => [r.state as string, Number(r.n)]));
  }

  /** Waits until no job of the queue is queued, retrying or running. */
  async waitIdle(name: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await this.counts(name);
      if (!c.created && !c.retry && !c.active) return;
      if (Date.now() > deadline) throw new Error(`queue ${name} not idle after ${timeoutMs} ms: ${JSON.stringify(c)}`);
      await sleep(100);
    }
  }

  /**
   * Graceful: running handlers may finish (up to `timeoutMs`), then whatever still runs is failed and so
   * retried later. Jobs not yet started stay queued in the database for the next start.
   */
  async stop({ graceful = true, timeoutMs = 30_000 }: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    this.sql.draining = true;
    await this.boss.stop({ graceful, timeout: timeoutMs, wait: true, close: false });
    // Not graceful: pg-boss has failed the running jobs; a late complete() finds them no longer active.
    const deadline = graceful ? Date.now() + timeoutMs : 0;
    while (this.handlers > 0 && Date.now() < deadline) await sleep(50);
    await this.sql.settled();
    this.sql.closed = true;
    await this.sql.end();
  }
}

/** A deterministic UUID per (queue, key): the job table's primary key then makes sending idempotent. */
function keyedId(name: string, key: string): string {
  const h = createHash("sha256").update(`${name}\u0000${key}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Runs `work` again (a few times, after a short random pause) when PostgreSQL chose it as a deadlock's victim. */
async function onDeadlockRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if ((err as { code?: unknown }).code !== "40P01" || attempt >= attempts) throw err;
      await sleep(50 + Math.random() * 200);
    }
  }
}
