import { Client } from "pg";
import { loadConfig } from "../src/config/config";
import { Databases } from "../src/db/data-sources";
import { seedDemoData } from "../src/seed/demo-data.seeder";
import { JOB_SCHEMA } from "../src/jobs/job-queue";
import { ERASURE_QUEUE } from "../src/rights/erasure/erasure-runner";

/** The bench database: created if missing, migrated and seeded afresh every run. */
export interface BenchDbOptions {
  url: string;
  seed: number;
  subjects: number;
  now: Date;
  /** How many subjects (with an account) scenario A rotates over. */
  rotation: number;
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error(`BENCH_DATABASE_URL names no database: ${url}`);
  return name;
}

/** CREATE DATABASE through the `postgres` maintenance database when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Migrates and seeds with the gateway's own code (all stores as schemas of one database), then settles the
 * database so that nothing of the load happens during the timed rounds.
 * Returns the ids scenario A rotates over: subjects with an account, spread over the customer-number range.
 */
export async function prepareBenchDb(o: BenchDbOptions): Promise<{ subjectIds: string[]; counts: Record<string, number> }> {
  await ensureDatabase(o.url);
  const config = loadConfig({ DATABASE_URL: o.url, DB_POOL_SIZE: "2" });
  const dbs = Databases.create(config);
  try {
    await dbs.initialize();
    await dbs.migrate();
    const report = await seedDemoData(dbs.sources, { seed: o.seed, subjects: o.subjects, now: o.now, force: true });
    await dropErasureJobs(dbs);
    await settle(dbs);
    const rows: Array<{ id: string }> = await dbs.sources.crm.query(
      `SELECT c.id FROM crm.customer c WHERE EXISTS (SELECT 1 FROM auth.account a WHERE a.customer_number = c.customer_number)
       ORDER BY c.customer_number`,
    );
    const step = Math.max(1, Math.floor(rows.length / o.rotation));
    const subjectIds = rows.filter((_, i) => i % step === 0).slice(0, o.rotation).map((r) => r.id);
    return { subjectIds, counts: report.counts };
  } finally {
    await dbs.close();
  }
}

/**
 * Erasure jobs an earlier run queued (the erase scenario's gateway queues them a day ahead and is stopped
 * long before): left in place they would wake up in some later run, in the middle of a timed round.
 */
async function dropErasureJobs(dbs: Databases): Promise<void> {
  const [{ t }] = await dbs.sources.privacy.query(`SELECT to_regclass('${JOB_SCHEMA}.job') AS t`);
  if (t) await dbs.sources.privacy.query(`DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1`, [ERASURE_QUEUE]);
}

/**
 * VACUUM ANALYZE: fixed plans and visibility maps now, instead of autovacuum and hint-bit writes during some
 * round (its CPU would be billed to whichever server happened to run). CHECKPOINT flushes the seed's dirty
 * pages for the same reason; it needs a superuser or pg_checkpoint, so it is best effort.
 */
async function settle(dbs: Databases): Promise<void> {
  await dbs.sources.crm.query("VACUUM ANALYZE");
  await dbs.sources.crm.query("CHECKPOINT").catch(() => undefined);
}
