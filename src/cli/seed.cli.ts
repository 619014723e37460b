import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig, STORE_NAMES, type AppConfig } from "../config/config";
import { Databases } from "../db/data-sources";
import { STORE_REGISTRY } from "../server/store-registry";
import { seedDemoData, type SeedReport } from "../seed/demo-data.seeder";

const USAGE = `Usage: npm run seed -- [--seed N] [--subjects N] [--force]

Loads realistic Dutch demo data into the crm, billing, auth and weblog stores (once).
  --seed N      PRNG seed; the same seed gives the same data (default: SEED, 42)
  --subjects N  number of customers (default: SEED_SUBJECTS, 240)
  --force       wipe the source tables and seed again, even if demo data is already present`;

function integerFlag(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return Number(raw);
}

class UsageError extends Error {}

/** Where each store lives, without credentials: "embedded" or host/database. */
function describeTargets(config: AppConfig): string {
  return STORE_NAMES.map((store) => {
    const url = config.databaseUrls[store];
    if (!url) return `${store}=embedded PGlite (${config.pglite.dataDir ?? "in memory"})`;
    const u = new URL(url);
    return `${store}=${u.host}${u.pathname}`;
  }).join(", ");
}

function printReport(report: SeedReport, ms: number): void {
  const what = `seed ${report.seed}, ${report.subjects} subjects`;
  process.stdout.write(
    report.skipped
      ? `Demo data already present (${what}); nothing written. Use --force to wipe and reseed.\n`
      : `Seeded demo data (${what}) in ${(ms / 1000).toFixed(1)} s.\n`,
  );
  const width = Math.max(...Object.keys(report.counts).map((t) => t.length));
  for (const [table, n] of Object.entries(report.counts)) process.stdout.write(`  ${table.padEnd(width)}  ${n}\n`);
  const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
  process.stdout.write(`  ${"total".padEnd(width)}  ${total}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      subjects: { type: "string" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  const seed = integerFlag("seed", values.seed, config.seed.seed, Number.MIN_SAFE_INTEGER);
  const subjects = integerFlag("subjects", values.subjects, config.seed.subjects, 1);
  process.stdout.write(`Targets: ${describeTargets(config)}\n`);
  const dbs = Databases.create(config, STORE_REGISTRY);
  try {
    const opened = performance.now();
    await dbs.initialize();
    await dbs.migrate();
    const started = performance.now();
    process.stdout.write(`Stores ready in ${((started - opened) / 1000).toFixed(1)} s.\n`);
    const report = await seedDemoData(dbs.stores, { seed, subjects, force: values.force });
    printReport(report, performance.now() - started);
  } finally {
    await dbs.close();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const usage = err instanceof UsageError || String((err as { code?: unknown })?.code).startsWith("ERR_PARSE_ARGS");
  process.stderr.write(`seed failed: ${message}\n${usage ? `\n${USAGE}\n` : ""}`);
  process.exit(1);
});
