import { utcDate } from "../src/policy/retention";
import { childEnv, type ChildEnvOptions } from "./child-env";
import type { Child } from "./children";
import { buildScenarios } from "./scenarios";
import { databaseName } from "./bench-db";
import { buildRetentionTemplate, copyDatabase, withDatabase } from "./retention-data";
import { assertSurvivors, expectedSurvivors, tableState, templateCounts, type TableCounts } from "./retention-verify";
import { startRetentionGateway } from "./retention-gateway";
import { readDuringRun, type ReadDuringRun } from "./retention-read";
import { assertSameDeletes, gatewayRun, rawRun, type RetentionSide } from "./retention-runs";

/**
 * Scenario T (retention, SPEC §6/§9: ≥ 0.8× raw set-based rows/s). Its data is its own (retention-data.ts): a
 * template, block-copied afresh for every run. Per round, on a fresh copy each, the gateway's `runRetention`
 * (retention-runs.ts: a dry run, then the real run timed from request to response) and the raw baseline
 * (raw-retention.ts, its own node process: the same deletes in the same batches, timed inside), in alternating
 * order (gateway first in odd rounds, raw first in even ones), as the load scenarios interleave their rounds on
 * a shared machine. After every run its copy must hold exactly the rows the bench expects — the same rows as
 * every other copy — and the gateway's dry run must have announced exactly what its real run deleted.
 * rows/s = rows deleted ÷ seconds over all rounds; ratio = gateway ÷ raw. Then, on one more copy, another
 * gateway measures scenario A alone and during a real run (retention-read.ts); that copy is checked too.
 * The contract-end rule is in the baseline when the gateway's run has parts for it.
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
  /** A's window alone and during a run; 0: as long as the gateway's timed runs took on average. */
  readSeconds: number;
  /** Timed runs per side, alternating which goes first. */
  rounds: number;
}

export interface RetentionSummary {
  key: "retention";
  title: string;
  target: number;
  today: string;
  batchSize: number;
  rounds: number;
  contractEndRule: boolean;
  data: { before: TableCounts & { expiredCustomers: number }; after: TableCounts };
  /** Over all rounds (parts: summed per rule and table). */
  gateway: RetentionSide;
  raw: RetentionSide;
  ratio: number;
  ratioPerRound: number[];
  verdict: "PASS" | "BELOW";
  readDuringRun: ReadDuringRun;
}

export const RETENTION_TARGET = 0.8;

export async function runRetentionBench(root: string, o: RetentionOptions, children: Child[], log: (m: string) => void): Promise<RetentionSummary> {
  const base = databaseName(o.databaseUrl);
  const url = (suffix: string) => withDatabase(o.databaseUrl, `${base}_t_${suffix}`);
  const [tpl, gwUrl, rawUrl, readUrl] = ["tpl", "gw", "raw", "read"].map(url);
  const env = (databaseUrl: string) => childEnv({ ...o, databaseUrl }, { RETENTION_BATCH_SIZE: String(o.batchSize) });

  log(`retention: building ${o.rows} expired activity rows and ${o.customers} expired customers on ${utcDate(new Date())}`);
  const subjects = await buildRetentionTemplate({ ...o, url: tpl, today: utcDate(new Date()) }, log);
  // What each copy must hold after a run judged on a day (the day may turn during the bench).
  const expected = new Map<string, Promise<TableCounts>>();
  const states: Parameters<typeof assertSurvivors>[1] = [];
  const check = async (label: string, dbUrl: string, today: string, contractEnd: boolean) => {
    if (!expected.has(today)) expected.set(today, expectedSurvivors(tpl, today, contractEnd));
    const state = { label, state: await tableState(dbUrl) };
    assertSurvivors(await expected.get(today)!, [...states.filter((s) => s.label.endsWith(today)), state]);
    states.push({ ...state, label: `${label} ${today}` });
  };

  const rounds: { gateway: RetentionSide; raw: RetentionSide }[] = [];
  let [today, contractEnd] = ["", false];
  for (let round = 1; round <= o.rounds; round++) {
    const r: Partial<(typeof rounds)[number]> = {};
    for (const which of round % 2 ? (["gateway", "raw"] as const) : (["raw", "gateway"] as const)) {
      const dbUrl = which === "gateway" ? gwUrl : rawUrl;
      await copyDatabase(databaseName(tpl), dbUrl);
      if (which === "gateway") {
        const g = await gatewayRun(root, env(dbUrl), children);
        [r.gateway, today, contractEnd] = [g.side, g.today, g.contractEnd];
      } else {
        r.raw = await rawRun(root, env(dbUrl), today, contractEnd, children); // round 1 runs the gateway first: today is known
      }
      const x = r[which]!;
      log(`retention round ${round} ${which}: ${x.rows} rows in ${x.seconds.toFixed(2)} s = ${x.rowsPerSec.toFixed(0)} rows/s (${x.batches} batches, ${x.retired} customers retired)`);
      await check(`round ${round} ${which} copy`, dbUrl, today, contractEnd);
    }
    assertSameDeletes(r.gateway!, r.raw!);
    rounds.push(r as (typeof rounds)[number]);
  }
  const before = await templateCounts(tpl, today);
  log(`retention: correctness: every copy holds exactly the ${Object.values(await expected.get(today)!).reduce((a, n) => a + n, 0)} expected rows; dry runs = real runs`);
  const [gateway, raw] = [total(rounds.map((r) => r.gateway)), total(rounds.map((r) => r.raw))];

  await copyDatabase(databaseName(tpl), readUrl);
  const reader = await startRetentionGateway(root, "retention read gateway", env(readUrl), children);
  const requests = buildScenarios(subjects).find((s) => s.key === "subject")!.gateway;
  const seconds = o.readSeconds || Math.max(3, Math.floor(gateway.seconds / o.rounds));
  try {
    const { read, report } = await readDuringRun(reader, requests, { ...o, seconds, warmupSeconds: Math.min(o.warmupSeconds, 20), dbName: databaseName(readUrl) }, log);
    if (read.runRows !== rounds[0].gateway.rows) throw new Error(`retention: the run during A deleted ${read.runRows} rows, a timed one ${rounds[0].gateway.rows}`);
    await check("read copy", readUrl, report.today, contractEnd);
    const ratio = gateway.rowsPerSec / raw.rowsPerSec;
    return {
      key: "retention",
      title: `T: runRetention over ${o.rows} expired activity rows and ${before.expiredCustomers} expired customers (batches of ${o.batchSize}, ${o.rounds} rounds per side)`,
      target: RETENTION_TARGET,
      today,
      batchSize: o.batchSize,
      rounds: o.rounds,
      contractEndRule: contractEnd,
      data: { before, after: await expected.get(today)! },
      gateway,
      raw,
      ratio,
      ratioPerRound: rounds.map((r) => r.gateway.rowsPerSec / r.raw.rowsPerSec),
      verdict: ratio >= RETENTION_TARGET ? "PASS" : "BELOW",
      readDuringRun: read,
    };
  } finally {
    await reader.stop();
  }
}

/** The rounds of one side together: rows and seconds summed (rows/s = their quotient), parts summed per rule and table. */
function total(sides: RetentionSide[]): RetentionSide {
  const sum = (f: (s: RetentionSide) => number) => sides.reduce((a, s) => a + f(s), 0);
  const parts = new Map<string, RetentionSide["parts"][number]>();
  for (const p of sides.flatMap((s) => s.parts)) {
    const q = parts.get(`${p.rule} ${p.table}`);
    parts.set(`${p.rule} ${p.table}`, q ? { ...q, deleted: q.deleted + p.deleted, batches: q.batches + p.batches, durationMs: q.durationMs + p.durationMs } : { ...p });
  }
  const seconds = sum((s) => s.seconds);
  return {
    rows: sum((s) => s.rows),
    batches: sum((s) => s.batches),
    retired: sum((s) => s.retired),
    seconds,
    rowsPerSec: sum((s) => s.rows) / seconds,
    statements: sum((s) => s.statements),
    cpuMs: { server: sum((s) => s.cpuMs.server), db: sum((s) => s.cpuMs.db) },
    parts: [...parts.values()],
  };
}
