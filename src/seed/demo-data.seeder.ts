import type { DataSource } from "typeorm";
import type { DataSources } from "../db/data-sources";
import { generateDemoData } from "./demo-data.generator";
import { SOURCE_TABLES } from "./demo-data.tables";
import { deleteDemoConsents, insertDemoConsents } from "./demo-consents";

export interface SeedOptions {
  seed: number;
  subjects: number;
  /** The moment all dates are derived from; fix it for reproducible data (default: the current time). */
  now?: Date;
  /** Wipe the source tables and seed again even if demo data was already loaded. */
  force?: boolean;
}

export interface SeedReport {
  /** True when demo data was already present and nothing was written. */
  skipped: boolean;
  /** The seed and subject count of the data now in the stores (the recorded ones when skipped). */
  seed: number;
  subjects: number;
  /** Rows per table, keyed `store.table`: rows written, or rows present when skipped. */
  counts: Record<string, number>;
}

/** The marker in privacy.gateway_meta that says which demo data was loaded. */
export const DEMO_SEED_KEY = "demo_seed";

interface SeedMarker {
  seed: number;
  subjects: number;
  /** When the seeding ran (wall clock). */
  seededAt: string;
  /** The `now` the data was generated relative to (equal to seededAt unless a fixed `now` was given). */
  asOf: string;
}

/** Raised instead of writing demo rows next to data the seeder did not put there. */
export class SeedConflictError extends Error {}

/**
 * Loads the demo data once. Each store may be a separate database (another server), so every store is
 * written in its own transaction, one store after the other: no cross-store SQL, and no transaction held on
 * one store while another is awaited (the embedded engine has a single session; that would deadlock).
 * The marker is written last, so an interrupted run is not mistaken for a finished one.
 */
export async function seedDemoData(stores: DataSources, opts: SeedOptions): Promise<SeedReport> {
  const recorded = await readMarker(stores.privacy);
  if (recorded && !opts.force) {
    return { skipped: true, seed: recorded.seed, subjects: recorded.subjects, counts: await countRows(stores) };
  }
  const now = opts.now ?? new Date();
  // Generate before touching the stores: invalid options fail without having wiped anything.
  const data = generateDemoData({ seed: opts.seed, subjects: opts.subjects, now });
  if (opts.force) {
    await stores.privacy.query(`DELETE FROM privacy.gateway_meta WHERE key = $1`, [DEMO_SEED_KEY]);
    await deleteDemoConsents(stores.crm, stores.privacy);
    await wipeSources(stores);
  } else {
    await assertSourcesEmpty(stores);
  }
  const counts: Record<string, number> = {};
  for (const { store, tables } of SOURCE_TABLES) {
    await stores[store].transaction(async (tx) => {
      for (const table of tables) counts[table.table] = await table.insert(tx, data);
    });
  }
  // The consents the customers gave at sign-up (privacy store), after crm holds the customers they are about.
  await insertDemoConsents(stores.privacy, data.customers);
  const marker: SeedMarker = {
    seed: opts.seed,
    subjects: opts.subjects,
    seededAt: new Date().toISOString(),
    asOf: now.toISOString(),
  };
  await stores.privacy.query(
    `INSERT INTO privacy.gateway_meta (key, value, updated_at) VALUES ($1, $2::text::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [DEMO_SEED_KEY, JSON.stringify(marker)],
  );
  return { skipped: false, seed: opts.seed, subjects: opts.subjects, counts };
}

async function readMarker(privacy: DataSource): Promise<SeedMarker | null> {
  const rows: Array<{ value: unknown }> = await privacy.query(`SELECT value FROM privacy.gateway_meta WHERE key = $1`, [
    DEMO_SEED_KEY,
  ]);
  if (rows.length === 0) return null;
  const value = typeof rows[0].value === "string" ? JSON.parse(rows[0].value) : rows[0].value;
  return value as SeedMarker;
}

/** Current row count of every source table, per store (never a cross-store query). */
export async function countRows(sources: DataSources): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { store, tables } of SOURCE_TABLES) {
    for (const { table } of tables) {
      const [row]: Array<{ n: number }> = await sources[store].query(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = Number(row.n);
    }
  }
  return counts;
}

async function wipeSources(sources: DataSources): Promise<void> {
  for (const { store, tables } of SOURCE_TABLES) {
    await sources[store].query(`TRUNCATE ${tables.map((t) => t.table).join(", ")}`);
  }
}

/**
 * Without a marker the source tables must be empty: rows there may be real data (a configured PostgreSQL),
 * and demo rows mixed into them would be worse than no demo at all.
 */
async function assertSourcesEmpty(sources: DataSources): Promise<void> {
  const counts = await countRows(sources);
  const filled = Object.entries(counts).filter(([, n]) => n > 0);
  if (filled.length > 0) {
    const list = filled.map(([table, n]) => `${table} (${n} rows)`).join(", ");
    throw new SeedConflictError(
      `source tables already hold data that was not seeded as demo data: ${list}; refusing to add demo rows (wipe and reseed with force)`,
    );
  }
}
