/**
 * SPEC §9 benchmark: the gateway against a hand-written node:http + pg server doing the same SQL.
 *
 *   npm run bench            (builds, then runs dist/bench/bench.js; needs PostgreSQL and Linux /proc)
 *
 * Steps: create/migrate/seed the bench database (all stores as schemas of one database, seeded afresh);
 * start `dist/src/main.js` and `dist/bench/raw-server.js` as child processes on free 127.0.0.1 ports; check that
 * both return the same data for every scenario request; then per scenario a warm-up round per server and
 * interleaved timed rounds (gateway, raw, gateway, raw…) with autocannon. Any failed response (connection
 * error, non-2xx, or a body with "errors") aborts with exit code 1; a ratio below target does not (it is a
 * measurement). Results are printed and written to bench-results.json in the repository root.
 * Scenario T (retention) runs last, after those servers are stopped, on databases of its own (retention-bench.ts):
 * the gateway's runRetention against a raw node + pg process doing the same batched deletes on an identical copy
 * (key `retention`: ratio of rows/s), and scenario A alone and during a real run (`retention.readDuringRun`).
 *
 * Env: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/gw_bench; the database is DROPPED and
 *      created afresh every run, so its name must contain "bench"), BENCH_CONNECTIONS (10), BENCH_ROUNDS (5: single
 *      rounds vary against their neighbours, so with 3 one odd round decided the ratio), BENCH_SECONDS (5, per
 *      round), BENCH_WARMUP_SECONDS (20 per server and scenario: the gateway's CPU per request keeps falling for
 *      far longer than the raw server's after a cold start; with 3 s the first rounds timed the gateway's warm-up.
 *      The warm-up curve is in bench/RESULTS.md),
 *      BENCH_ROTATION (8 subjects for scenario A), BENCH_SEED (42),
 *      BENCH_SUBJECTS (240), BENCH_NOW (2026-01-01T00:00:00Z: fixed, so the data is the same every run),
 *      BENCH_ROLE (privacy_officer), BENCH_PURPOSE (DATA_SUBJECT_RIGHTS; sent as x-purpose: the full
 *      profile is what that purpose may read; both servers write the same audit entries), BENCH_NODE_ENV (NODE_ENV of the
 *      gateway: development or production), DB_POOL_SIZE (gateway default, lowered until both servers' pools fit the
 *      server's max_connections: fittingPoolSize; the raw server uses the same per source), BENCH_ONLY (subject | subjects | report | erase |
 *      retention: time one scenario only; retention skips the others' database and servers), BENCH_ERASE_SUBJECTS
 *      (200 timed erasures, half per server: a p50 of 30 per server moved too much between runs),
 *      BENCH_ERASE_WARMUP (20 untimed erasures per server first).
 *      T: BENCH_RETENTION_ROWS (1,000,000 expired login events and web-log lines, half each, plus a tenth as many
 *      recent ones), BENCH_RETENTION_CUSTOMERS (500 expired customers cloned from the demo's, on top of its own),
 *      RETENTION_BATCH_SIZE (5000, both sides), BENCH_RETENTION_ROUNDS (2 timed runs per side, alternating which
 *      goes first), BENCH_RETENTION_READ_SECONDS (A's window alone and during a run; 0 = as long as a timed gateway
 *      run took); its databases are <BENCH_DATABASE_URL's>_t_tpl, _t_gw, _t_raw and
 *      _t_read, DROPPED and created afresh every run.
 *      BENCH_NODE_ARGS (extra node flags for both servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 *      LOG_LEVEL is warn for both servers; the gateway runs with ERASURE_JOB_DELAY_SECONDS=86400 (see erase-bench.ts).
 */
import "reflect-metadata";
import path from "node:path";
import { loadConfig } from "../src/config/config";
import { TokenService } from "../src/auth/token.service";
import { isRole, type Role } from "../src/policy/roles";
import { adminUrl, databaseName, maxConnections, prepareBenchDb } from "./bench-db";
import { childEnv } from "./child-env";
import { freePort, startChild, stopChild, waitReady, type Child } from "./children";
import { runRound, type RoundResult, type Target } from "./load";
import { summarise, type ScenarioSummary } from "./report";
import { buildScenarios, LIST_SIZE } from "./scenarios";
import { assertSameData, statementsByListSize } from "./verify";
import { runErase, type EraseSummary } from "./erase-bench";
import { printSummary, writeResults } from "./results";
import { runRetentionBench, type RetentionSummary } from "./retention-bench";

const ROOT = path.resolve(__dirname, "..", ".."); // dist/bench → repository root

function int(name: string, dflt: number, min: number, max: number): number {
  const v = process.env[name] ? Number(process.env[name]) : dflt;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return v;
}

const cfg = {
  databaseUrl: process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/gw_bench",
  connections: int("BENCH_CONNECTIONS", 10, 1, 1000),
  rounds: int("BENCH_ROUNDS", 5, 1, 50),
  seconds: int("BENCH_SECONDS", 5, 1, 600),
  warmupSeconds: int("BENCH_WARMUP_SECONDS", 20, 0, 600),
  /** Time only this scenario; correctness is still checked for all (erase: only for what it erases). */
  only: process.env.BENCH_ONLY,
  eraseSubjects: int("BENCH_ERASE_SUBJECTS", 200, 2, 10_000),
  eraseWarmup: int("BENCH_ERASE_WARMUP", 20, 0, 1000),
  rotation: int("BENCH_ROTATION", 8, 1, 1000),
  seed: int("BENCH_SEED", 42, -(2 ** 31), 2 ** 31 - 1),
  subjects: int("BENCH_SUBJECTS", 240, LIST_SIZE + 1, 100_000),
  now: new Date(process.env.BENCH_NOW || "2026-01-01T00:00:00Z"),
  poolSize: process.env.DB_POOL_SIZE ? int("DB_POOL_SIZE", 10, 1, 100) : undefined,
  nodeEnv: process.env.BENCH_NODE_ENV || "development",
  role: process.env.BENCH_ROLE || "privacy_officer",
  purpose: process.env.BENCH_PURPOSE || "DATA_SUBJECT_RIGHTS",
  retention: {
    rows: int("BENCH_RETENTION_ROWS", 1_000_000, 1000, 100_000_000),
    customers: int("BENCH_RETENTION_CUSTOMERS", 500, 1, 100_000),
    batchSize: int("RETENTION_BATCH_SIZE", 5000, 1, 100_000),
    readSeconds: int("BENCH_RETENTION_READ_SECONDS", 0, 0, 600),
    rounds: int("BENCH_RETENTION_ROUNDS", 2, 1, 20),
  },
};
const ONLY = ["subject", "subjects", "report", "erase", "retention"];

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const children: Child[] = [];

async function main(): Promise<void> {
  if (Number.isNaN(cfg.now.getTime())) throw new Error("BENCH_NOW is not a date");
  if (!isRole(cfg.role)) throw new Error(`BENCH_ROLE ${cfg.role} is not a role`);
  if (!["development", "production"].includes(cfg.nodeEnv)) throw new Error("BENCH_NODE_ENV: development or production");
  if (cfg.only && !ONLY.includes(cfg.only)) throw new Error(`BENCH_ONLY: ${ONLY.join(" | ")}`);
  if (cfg.eraseSubjects % 2) throw new Error("BENCH_ERASE_SUBJECTS must be even (half per server)");
  const host = new URL(cfg.databaseUrl).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") throw new Error("BENCH_DATABASE_URL must point at 127.0.0.1");
  const poolSize = fittingPoolSize(cfg.poolSize, await maxConnections(adminUrl(cfg.databaseUrl)));
  log(`pool size per store, both servers: ${poolSize}`);
  const loads = cfg.only === "retention" ? null : await loadScenarios(poolSize);
  let retention: RetentionSummary | null = null;
  if (!cfg.only || cfg.only === "retention") {
    await stopAll(); // the load scenarios' two servers hold most of the server's connections
    retention = await runRetentionBench(ROOT, { ...cfg, ...cfg.retention, poolSize }, children, log);
  }
  const outcome = { config: cfg, ...loads, scenarios: loads?.scenarios ?? [], erase: loads?.erase ?? null, retention };
  printSummary(outcome);
  log(`wrote ${writeResults(ROOT, outcome)}`);
}

/** Scenarios A, B, R and E: the bench database, both servers, correctness, then the timed rounds. */
async function loadScenarios(poolSize: number) {
  const dbName = databaseName(cfg.databaseUrl);
  log(`preparing ${dbName}: migrate, seed ${cfg.seed} × ${cfg.subjects} subjects`);
  const db = await prepareBenchDb({ ...cfg, url: cfg.databaseUrl });

  const env = childEnv({ ...cfg, poolSize });
  const [gwPort, rawPort] = [await freePort(), await freePort()];
  const gwChild = startChild("gateway", path.join(ROOT, "dist", "src", "main.js"), gwPort, env, ROOT);
  children.push(gwChild);
  const rawChild = startChild("raw server", path.join(__dirname, "raw-server.js"), rawPort, env, ROOT);
  children.push(rawChild);
  await Promise.all([waitReady(gwChild, "/readyz", 90_000), waitReady(rawChild, "/healthz", 30_000)]);

  const tokens = new TokenService(loadConfig(env).jwt);
  const token = await tokens.sign({ sub: "bench", role: cfg.role as Role });
  const gateway: Target = {
    side: "gateway",
    child: gwChild,
    headers: { authorization: `Bearer ${token}`, ...(cfg.purpose ? { "x-purpose": cfg.purpose } : {}) },
    metrics: { statements: "gateway_sql_statements_total", requests: "gateway_graphql_requests_total" },
  };
  const raw: Target = {
    side: "raw",
    child: rawChild,
    headers: {},
    metrics: { statements: "raw_sql_statements_total", requests: "raw_requests_total" },
  };

  const scenarios = buildScenarios(db.subjectIds);
  const compared = await assertSameData(gateway, raw, scenarios);
  log(`correctness: ${compared} responses identical on both servers`);
  const bySize = await statementsByListSize(gateway, raw, [1, 10, LIST_SIZE]);
  log(`SQL statements per request by list size: ${JSON.stringify(bySize)}`);

  // E first, on the freshly seeded database (as with BENCH_ONLY=erase): the load scenarios append ~200k
  // audit entries (B alone ~80k: one per subject listed), which an erasure run after them would inherit,
  // together with their dirty pages and checkpoint. E adds ~1.5k entries, which A, B and R do not notice.
  let erase: EraseSummary | null = null;
  if (!cfg.only || cfg.only === "erase") {
    const customerToken = (subjectId: string) => tokens.sign({ sub: `bench-customer-${subjectId}`, role: "customer", subjectId });
    erase = await runErase(gateway, raw, { ...cfg, dbName, subjects: cfg.eraseSubjects, warmup: cfg.eraseWarmup, customerToken }, log);
  }

  const summaries: ScenarioSummary[] = [];
  for (const s of scenarios.filter((x) => !cfg.only || x.key === cfg.only)) {
    const common = { connections: cfg.connections, dbName };
    if (cfg.warmupSeconds > 0) {
      log(`${s.key}: warm-up ${cfg.warmupSeconds}s per server`);
      for (const [t, reqs] of [[gateway, s.gateway], [raw, s.raw]] as const) {
        const w = await runRound(t, reqs, { ...common, seconds: cfg.warmupSeconds, round: 0 });
        log(`${s.key} warm-up ${t.side}: ${w.reqPerSec.toFixed(1)} req/s, ${w.cpuMsPerReq.total.toFixed(2)} ms CPU/req (not counted)`);
      }
    }
    const rounds: RoundResult[] = [];
    for (let round = 1; round <= cfg.rounds; round++) {
      for (const [t, reqs] of [[gateway, s.gateway], [raw, s.raw]] as const) {
        const r = await runRound(t, reqs, { ...common, seconds: cfg.seconds, round });
        log(`${s.key} round ${round} ${t.side}: ${r.reqPerSec.toFixed(1)} req/s, ${r.cpuMsPerReq.total.toFixed(2)} ms CPU/req`);
        rounds.push(r);
      }
    }
    summaries.push(summarise(s, rounds));
  }

  return {
    data: { rowCounts: db.counts, rotatedSubjects: db.subjectIds.length, comparedResponses: compared },
    statementsByListSize: bySize,
    listSize: LIST_SIZE,
    scenarios: summaries,
    erase,
  };
}

/**
 * Both servers keep one pool per store (five each, all in the bench database) and the gateway a job pool: at the
 * default of 10 per store that is ~105 connections, over PostgreSQL's default max_connections of 100, and a
 * round failed with "sorry, too many clients already" once the report scenario filled every pool. The default
 * is the gateway's own, lowered until both fit; an explicit DB_POOL_SIZE that does not fit is refused.
 */
function fittingPoolSize(requested: number | undefined, max: number): number {
  const needs = (size: number) => 2 * 5 * size + 4 + 5; // two servers × five stores, the job pool, the bench's own
  const fits = Math.floor((max - 9) / 10);
  if (requested !== undefined) {
    if (needs(requested) > max) throw new Error(`DB_POOL_SIZE=${requested} needs ${needs(requested)} connections; the server allows ${max} (use ≤ ${fits})`);
    return requested;
  }
  return Math.max(1, Math.min(loadConfig({}).poolSize, fits));
}

async function stopAll(): Promise<void> {
  await Promise.all(children.map((c) => stopChild(c)));
}

// Everything is bounded: past this deadline the children are killed and the run fails.
const budgetMs =
  300_000 + 3 * (2 * cfg.warmupSeconds + 2 * cfg.rounds * cfg.seconds) * 1000 + 3 * (2 * cfg.rounds + 2) * 6000 + // + lead and settle per round
  (cfg.eraseSubjects + 2 * cfg.eraseWarmup) * 2000 + // erasures, one at a time
  600_000 + cfg.retention.rows * (1 + cfg.retention.rounds) + (cfg.retention.readSeconds + 2 * cfg.warmupSeconds) * 1000; // T
const watchdog = setTimeout(() => {
  log(`gave up after ${Math.round(budgetMs / 1000)} s`);
  void stopAll().finally(() => process.exit(1));
}, budgetMs);
watchdog.unref();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

main()
  .then(() => stopAll())
  .then(() => clearTimeout(watchdog))
  .catch(async (err: unknown) => {
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    // What the servers said last (a failed response's cause is in their logs, not in the response).
    for (const c of children) if (c.tail.length) log(`last output of ${c.name}:\n${c.tail.join("\n")}`);
    await stopAll();
    clearTimeout(watchdog);
    process.exitCode = 1;
  });
