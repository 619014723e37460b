import path from "node:path";
import { Client } from "pg";
import { freePort, startChild, stopChild, type Child } from "./children";
import { scrapeCounters } from "./load";
import { postgresCpuMs, processCpuMs } from "./proc-cpu";
import { databaseName } from "./bench-db";
import { startRetentionGateway, type GatewayReport } from "./retention-gateway";

/** One timed retention run of scenario T on one copy of its data: the gateway's, or the raw baseline's. */
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

export const CONTRACT_END_RULE = "crm-after-contract";

/**
 * A gateway on `env`'s copy: a dry run (untimed; it warms the cache as the baseline's counts do), a CHECKPOINT,
 * then the real run timed from request to full response, with the gateway's CPU and every postgres process's.
 * The dry run must announce exactly what the real run deletes.
 */
export async function gatewayRun(root: string, env: NodeJS.ProcessEnv, children: Child[]) {
  const gw = await startRetentionGateway(root, "retention gateway", env, children);
  try {
    const dry = await gw.run(true);
    const dbName = databaseName(env.DATABASE_URL!);
    await checkpoint(env.DATABASE_URL!);
    const [s0, cpu0, db0] = [await scrapeCounters(gw.target), processCpuMs(gw.child.pid), postgresCpuMs(dbName).allMs];
    const t0 = performance.now();
    const real = await gw.run(false);
    const ms = performance.now() - t0;
    const cpuMs = { server: processCpuMs(gw.child.pid) - cpu0, db: postgresCpuMs(dbName).allMs - db0 };
    const statements = (await scrapeCounters(gw.target)).statements - s0.statements;
    assertDryIsReal(dry, real);
    const parts = real.parts.map((p) => ({ rule: p.rule, table: `${p.store}.${p.table}`, deleted: p.deleted, batches: p.batches, durationMs: p.durationMs }));
    return { side: side(parts, ms, statements, cpuMs), today: real.today, contractEnd: real.parts.some((p) => p.rule === CONTRACT_END_RULE) };
  } finally {
    await gw.stop();
  }
}

/** Rows: every part's; batches: the set-based DELETEs' (the contract-end parts count pages of customers). */
export function side(parts: RetentionSide["parts"], ms: number, statements: number, cpuMs: RetentionSide["cpuMs"]): RetentionSide {
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
export function assertSameDeletes(gateway: RetentionSide, raw: RetentionSide): void {
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

/** The raw baseline (raw-retention.ts) as its own node process on `env`'s copy; it times itself. */
export async function rawRun(root: string, env: NodeJS.ProcessEnv, today: string, contractEnd: boolean, children: Child[]): Promise<RetentionSide> {
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
