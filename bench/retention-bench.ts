import path from "node:path";
import { Client } from "pg";
import { utcDate } from "../src/policy/retention";
import { childEnv, type ChildEnvOptions } from "./child-env";
import { freePort, startChild, stopChild, type Child } from "./children";
import { scrapeCounters } from "./load";
import { postgresCpuMs, processCpuMs } from "./proc-cpu";
import { buildScenarios } from "./scenarios";
import { databaseName } from "./bench-db";
import { buildRetentionTemplate, copyDatabase, withDatabase } from "./retention-data";
import { assertSurvivors, expectedSurvivors, tableState, templateCounts, type TableCounts } from "./retention-verify";
import { startRetentionGateway, type GatewayReport } from "./retention-gateway";
import { readDuringRun, type ReadDuringRun } from "./retention-read";

/**
 * Scenario T (retention, SPEC §6/§9: ≥ 0.8× raw set-based rows/s). Its data is its own (retention-data.ts):
 * a template, copied three times. On the first copy the gateway runs `runRetention` — a dry run (untimed, it warms
 * the cache), a CHECKPOINT, then the real run timed from request to response; on the second the raw baseline
 * (raw-retention.ts, its own node process) does the same deletes in the same batches, timed inside; then both
 * copies must hold exactly the rows the bench expects, the same ones, and the dry run must have announced
 * exactly what the real run deleted. rows/s = rows deleted ÷ seconds; ratio = gateway ÷ raw. On the third copy
 * another gateway measures scenario A alone and during a real run (retention-read.ts); that copy is checked too.
 * The contract-end rule is in the baseline when the gateway's dry run has a part for it.
 */
export interface RetentionOptions extends Omit<ChildEnvOptions, "databaseUrl"> {
  databaseUrl: string;
  seed: number;
  subjects: number;
  rotation: number;
  rows: number;
  customers: number;
  batchSize: number;
  connections: number;
  warmupSeconds: number;
  /** A's window alone and during a run; 0: as long as the timed gateway run took. */
  readSeconds: number;
}

export interface RetentionSide {
  rows: number;
  batches: number;
  /** Customers the contract-end rule retired. */
  retired: number;
  seconds: number;
  rowsPerSec: number;
  statements: number;
  cpuMs: { server: number; db: number };
  parts: { rule: string; table: string; deleted: number; batches: number; durationMs: number }[];
}

export interface RetentionSummary {
  key: "retention";
  title: string;
  target: number;
  today: string;
  batchSize: number;
  contractEndRule: boolean;
  data: { before: TableCounts & { expiredCustomers: number }; after: TableCounts };
  gateway: RetentionSide;
  raw: RetentionSide;
  ratio: number;
  verdict: "PASS" | "BELOW";
  readDuringRun: ReadDuringRun;
}

export const RETENTION_TARGET = 0.8;
const CONTRACT_END_RULE = "crm-after-contract";

export async function runRetentionBench(root: string, o: RetentionOptions, children: Child[], log: (m: string) => void): Promise<RetentionSummary> {
  const base = databaseName(o.databaseUrl);
  const url = (suffix: string) => withDatabase(o.databaseUrl, `${base}_t_${suffix}`);
  const [tpl, gwUrl, rawUrl, readUrl] = ["tpl", "gw", "raw", "read"].map(url);
  const env = (databaseUrl: string) => childEnv({ ...o, databaseUrl }, { RETENTION_BATCH_SIZE: String(o.batchSize) });

  log(`retention: building ${o.rows} expired activity rows and ${o.customers} expired customers on ${utcDate(new Date())}`);
  const subjects = await buildRetentionTemplate({ ...o, url: tpl, today: utcDate(new Date()) }, log);
  for (const u of [gwUrl, rawUrl, readUrl]) await copyDatabase(databaseName(tpl), u);

  // The gateway's run: dry (untimed), then real (timed, with its CPU and the database's).
  const gw = await startRetentionGateway(root, "retention gateway", env(gwUrl), children);
  const dry = await gw.run(true);
  const before = await templateCounts(tpl, dry.today);
  const contractEnd = dry.parts.some((p) => p.rule === CONTRACT_END_RULE);
  await checkpoint(gwUrl);
  const [s0, cpu0, db0] = [await scrapeCounters(gw.target), processCpuMs(gw.child.pid), postgresCpuMs(databaseName(gwUrl)).allMs];
  const t0 = performance.now();
  const real = await gw.run(false);
  const gwMs = performance.now() - t0;
  const gwCpu = { server: processCpuMs(gw.child.pid) - cpu0, db: postgresCpuMs(databaseName(gwUrl)).allMs - db0 };
  const gwStatements = (await scrapeCounters(gw.target)).statements - s0.statements;
  await gw.stop();
  const gateway = gatewaySide(real, gwMs, gwStatements, gwCpu);
  log(`retention: gateway ${gateway.rows} rows in ${gateway.seconds.toFixed(2)} s = ${gateway.rowsPerSec.toFixed(0)} rows/s (${gateway.batches} batches)`);
  assertDryIsReal(dry, real);

  const raw = await rawRun(root, env(rawUrl), real.today, contractEnd, children);
  log(`retention: raw ${raw.rows} rows in ${raw.seconds.toFixed(2)} s = ${raw.rowsPerSec.toFixed(0)} rows/s (${raw.batches} batches)`);

  const expected = await expectedSurvivors(tpl, real.today, contractEnd);
  assertSurvivors(expected, [{ label: "gateway copy", state: await tableState(gwUrl) }, { label: "raw copy", state: await tableState(rawUrl) }]);
  assertSameDeletes(gateway, raw);
  log(`retention: correctness: both copies hold exactly the ${Object.values(expected).reduce((a, n) => a + n, 0)} expected rows; dry run = real run`);

  const reader = await startRetentionGateway(root, "retention read gateway", env(readUrl), children);
  const requests = buildScenarios(subjects).find((s) => s.key === "subject")!.gateway;
  const seconds = o.readSeconds || Math.max(3, Math.floor(gateway.seconds));
  const { read, report } = await readDuringRun(reader, requests, { ...o, seconds, warmupSeconds: Math.min(o.warmupSeconds, 20), dbName: databaseName(readUrl) }, log);
  await reader.stop();
  if (read.runRows !== gateway.rows) throw new Error(`retention: the run during A deleted ${read.runRows} rows, the timed one ${gateway.rows}`);
  assertSurvivors(await expectedSurvivors(tpl, report.today, contractEnd), [{ label: "read copy", state: await tableState(readUrl) }]);

  const ratio = gateway.rowsPerSec / raw.rowsPerSec;
  return {
    key: "retention",
    title: `T: runRetention over ${o.rows} expired activity rows and ${before.expiredCustomers} expired customers (batches of ${o.batchSize})`,
    target: RETENTION_TARGET,
    today: real.today,
    batchSize: o.batchSize,
    contractEndRule: contractEnd,
    data: { before, after: expected },
    gateway,
    raw,
    ratio,
    verdict: ratio >= RETENTION_TARGET ? "PASS" : "BELOW",
    readDuringRun: read,
  };
}

function gatewaySide(r: GatewayReport, ms: number, statements: number, cpuMs: RetentionSide["cpuMs"]): RetentionSide {
  const parts = r.parts.map((p) => ({ rule: p.rule, table: `${p.store}.${p.table}`, deleted: p.deleted, batches: p.batches, durationMs: p.durationMs }));
  return side(parts, ms, statements, cpuMs);
}

/** Rows: every part's; batches: the set-based DELETEs' (the contract-end parts count pages of customers). */
function side(parts: RetentionSide["parts"], ms: number, statements: number, cpuMs: RetentionSide["cpuMs"]): RetentionSide {
  const rows = parts.reduce((a, p) => a + p.deleted, 0);
  const batches = parts.filter((p) => p.rule !== CONTRACT_END_RULE).reduce((a, p) => a + p.batches, 0);
  const retired = parts.find((p) => p.rule === CONTRACT_END_RULE && p.table === "crm.customer")?.deleted ?? 0;
  return { rows, batches, retired, seconds: ms / 1000, rowsPerSec: rows / (ms / 1000), statements, cpuMs, parts };
}

function assertDryIsReal(dry: GatewayReport, real: GatewayReport): void {
  const key = (p: GatewayReport["parts"][number]) => `${p.rule}/${p.store}.${p.table}`;
  const announced = new Map(dry.parts.map((p) => [key(p), p.deleted]));
  const off = real.parts.filter((p) => announced.get(key(p)) !== p.deleted).map((p) => `${key(p)}: dry ${announced.get(key(p))}, real ${p.deleted}`);
  if (dry.today !== real.today) off.push(`dry run judged on ${dry.today}, the real run on ${real.today}`);
  if (off.length || dry.parts.length !== real.parts.length) throw new Error(`retention: the dry run announced other deletes:\n  ${off.join("\n  ")}`);
}

/** Same rows per rule and table on both sides (the contract-end rule's parts against the raw erasures' sums). */
function assertSameDeletes(gateway: RetentionSide, raw: RetentionSide): void {
  const sums = (s: RetentionSide) => {
    const m = new Map<string, number>();
    for (const p of s.parts) m.set(`${p.rule}/${p.table}`, (m.get(`${p.rule}/${p.table}`) ?? 0) + p.deleted);
    return m;
  };
  const [g, r] = [sums(gateway), sums(raw)];
  const off = [...new Set([...g.keys(), ...r.keys()])].filter((k) => (g.get(k) ?? 0) !== (r.get(k) ?? 0));
  if (off.length || gateway.rows !== raw.rows) {
    throw new Error(`retention: gateway and raw deleted different rows:\n  ${off.map((k) => `${k}: gateway ${g.get(k) ?? 0}, raw ${r.get(k) ?? 0}`).join("\n  ")}`);
  }
}

async function rawRun(root: string, env: NodeJS.ProcessEnv, today: string, contractEnd: boolean, children: Child[]): Promise<RetentionSide> {
  const rawEnv = { ...env, RETENTION_TODAY: today, RAW_RETENTION_CONTRACT_END: contractEnd ? "1" : "0", RAW_DB_NAME: databaseName(env.DATABASE_URL!) };
  const child = startChild("raw retention", path.join(root, "dist", "bench", "raw-retention.js"), await freePort(), rawEnv, root);
  children.push(child);
  if (child.exitCode === undefined) await new Promise((resolve) => child.proc.once("exit", resolve));
  const line = [...child.tail].reverse().find((l) => l.startsWith("{"));
  if (child.exitCode !== 0 || !line) throw new Error(`raw retention failed (exit ${child.exitCode}):\n${child.tail.join("\n")}`);
  await stopChild(child);
  const r = JSON.parse(line) as RawResult;
  const parts = r.parts.map((p) => ({ rule: p.rule, table: `${p.store}.${p.table}`, deleted: p.deleted, batches: p.batches, durationMs: p.durationMs }));
  const ce = r.contractEnd;
  if (ce) for (const [table, n] of Object.entries(ce.erased)) parts.push({ rule: CONTRACT_END_RULE, table, deleted: n, batches: ce.pages, durationMs: ce.durationMs });
  return side(parts, r.ms, r.statements, r.cpuMs);
}

interface RawResult {
  ms: number;
  statements: number;
  cpuMs: { server: number; db: number };
  parts: { rule: string; store: string; table: string; deleted: number; batches: number; durationMs: number }[];
  contractEnd: { customers: number; pages: number; erased: Record<string, number>; durationMs: number } | null;
}

async function checkpoint(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query("CHECKPOINT").catch(() => undefined);
  await c.end();
}
