import "reflect-metadata";
import { loadConfig, STORE_NAMES, type AppConfig } from "../../src/config/config";
import { Databases } from "../../src/db/data-sources";
import { STORE_REGISTRY } from "../../src/server/store-registry";
import { JOB_SCHEMA } from "../../src/jobs/job-queue";

/**
 * The configuration tests run with: embedded in-memory PGlite unless DATABASE_URL (or per-store URLs) point
 * at a real PostgreSQL server. Test files run one at a time (--test-concurrency=1), so on a server each test
 * file may wipe and re-migrate the stores it was given.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ...process.env,
    NODE_ENV: "test",
    PGLITE_IN_MEMORY: "true",
    LOG_LEVEL: "silent",
    DB_POOL_SIZE: "4",
    // No daily retention run inside a test: it would judge on the wall clock's day, not the test's.
    RETENTION_SCHEDULE: "off",
    ...overrides,
  });
}

export const engineName = () => (process.env.DATABASE_URL ? "postgresql" : "pglite");

/** Fresh, migrated, empty stores (or, with `fresh: false`, the stores as an earlier gateway left them). */
export async function openTestDatabases(config: AppConfig = testConfig(), { fresh = true } = {}): Promise<Databases> {
  const dbs = Databases.create(config, STORE_REGISTRY);
  await dbs.initialize();
  for (const store of fresh ? STORE_NAMES : []) {
    if (!config.databaseUrls[store]) continue; // a new in-memory engine is empty already
    const ds = dbs.stores[store];
    await ds.query(`DROP SCHEMA IF EXISTS "${STORE_REGISTRY[store].schema}" CASCADE`);
    // the job queue's tables live beside the privacy store: jobs of an earlier test file must not run here
    if (store === "privacy") await ds.query(`DROP SCHEMA IF EXISTS "${JOB_SCHEMA}" CASCADE`);
    await ds.query(`DROP TABLE IF EXISTS "migrations_${store}"`);
  }
  await dbs.migrate();
  return dbs;
}
