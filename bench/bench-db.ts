import { Client } from "pg";
import { loadConfig } from "../src/config/config";
import { Databases } from "../src/db/data-sources";
import { STORE_REGISTRY } from "../src/server/store-registry";
import { seedDemoData } from "../src/seed/demo-data.seeder";

/** The bench database: dropped, created, migrated and seeded afresh every run. */
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

/** The `postgres` maintenance database on the same server: where databases are dropped and created. */
export function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return admin.toString();
}

/**
 * Drops and creates the bench database through the `postgres` maintenance database, so every run starts from
 * the same state. Seeding alone replaced the demo data but kept what earlier runs appended: the audit trail
 * (append-only, so it cannot be truncated) had grown to 1.2 million rows and 1.4 GB after a day of runs,
 * and later runs measured a larger, colder table than earlier ones. Only a database named for the bench
 * is dropped: a URL pointing elsewhere is refused.
 */
async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/bench/i.test(name)) throw new Error(`BENCH_DATABASE_URL must name a database for the bench (its name containing "bench"): it is dropped every run; got ${name}`);
  const client = new Client({ connectionString: adminUrl(url), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
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
  await recreateDatabase(o.url);
  const config = loadConfig({ DATABASE_URL: o.url, DB_POOL_SIZE: "2" });
  const dbs = Databases.create(config, STORE_REGISTRY);
  try {
    await dbs.initialize();
    await dbs.migrate();
    const report = await seedDemoData(dbs.stores, { seed: o.seed, subjects: o.subjects, now: o.now, force: true });
    await settle(dbs);
    const rows: Array<{ id: string }> = await dbs.stores.crm.query(
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
 * VACUUM ANALYZE: fixed plans and visibility maps now, instead of autovacuum and hint-bit writes during some
 * round (its CPU would be billed to whichever server happened to run). CHECKPOINT flushes the seed's dirty
 * pages for the same reason; it needs a superuser or pg_checkpoint, so it is best effort.
 */
async function settle(dbs: Databases): Promise<void> {
  await dbs.stores.crm.query("VACUUM ANALYZE");
  await dbs.stores.crm.query("CHECKPOINT").catch(() => undefined);
}

/** The server's `max_connections`: both servers' pools together must fit under it. */
export async function maxConnections(url: string): Promise<number> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return Number((await client.query<{ max_connections: string }>("SHOW max_connections")).rows[0].max_connections);
  } finally {
    await client.end();
  }
}
