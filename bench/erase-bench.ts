import { Pool } from "pg";
import { assertAlive } from "./children";
import { scrapeCounters, type Target } from "./load";
import { benchBackendsDeltaMs, postgresCpuMs, processCpuMs } from "./proc-cpu";
import { leftovers, seedEraseSubjects, type EraseSubject } from "./erase-subjects";

/**
 * The erase scenario. Not a load test: every call destroys its subject, so subjects are seeded for it
 * (erase-subjects.ts) and erased one at a time — the gateway through `eraseSubject` with the subject's own
 * customer token (the portal case), the raw server through POST /erase (raw-erase.ts) — alternating gateway
 * and raw call by call so that both see the same machine. The first `warmup` calls per side are not timed.
 * Each call is timed from request to full response. Afterwards every erased subject must have left exactly
 * its held invoices/payments and their hold rows, on both sides; otherwise the benchmark fails.
 * The gateway must run with ERASURE_JOB_DELAY_SECONDS far beyond the run: its inline run does the work, and
 * no durable job wakes up during the bench.
 */
export const ERASE_MUTATION = `mutation BenchErase($id: ID!) {
  eraseSubject(subjectId: $id) { requestId status sources { source status errorCode erased { table count } kept { recordId } } }
}`;

export const ERASE_TARGET = 1.5;

export interface EraseSide {
  ops: number;
  p50Ms: number;
  p90Ms: number;
  meanMs: number;
  /** Server process CPU and the bench database's backends' CPU per erasure (/proc, tick resolution). */
  cpuMsPerOp: { server: number; db: number; total: number };
  statementsPerOp: number;
  latenciesMs: number[];
}

export interface EraseSummary {
  key: "erase";
  title: string;
  target: number;
  gateway: EraseSide;
  raw: EraseSide;
  /** p50 gateway ÷ p50 raw: at most `target`. */
  ratio: number;
  verdict: "PASS" | "ABOVE";
  warmupPerSide: number;
  /** Average rows per erased subject before the erasure, per table; and how many were kept under a hold. */
  rowsPerSubject: Record<string, number>;
}

export interface EraseOptions {
  databaseUrl: string;
  dbName: string;
  seed: number;
  now: Date;
  /** Timed erasures in all (half per server), and untimed ones per server before them. */
  subjects: number;
  warmup: number;
  customerToken: (subjectId: string) => Promise<string>;
}

type Call = { side: "gateway" | "raw"; subject: EraseSubject; headers: Record<string, string>; timed: boolean };

async function eraseOnce(t: Target, c: Call, dbName: string): Promise<{ ms: number; serverMs: number; dbMs: number }> {
  const body = c.side === "gateway" ? { query: ERASE_MUTATION, variables: { id: c.subject.id } } : { id: c.subject.id };
  const server0 = processCpuMs(t.child.pid);
  const db0 = postgresCpuMs(dbName);
  const t0 = performance.now();
  const res = await fetch(`${t.child.baseUrl}${c.side === "gateway" ? "/graphql" : "/erase"}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...c.headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  const out = { ms, serverMs: processCpuMs(t.child.pid) - server0, dbMs: benchBackendsDeltaMs(db0, postgresCpuMs(dbName)) };
  if (res.status !== 200 || text.includes('"errors":')) throw new Error(`${c.side} erase of ${c.subject.id}: HTTP ${res.status} ${text.slice(0, 800)}`);
  if (c.side === "gateway") {
    const run = (JSON.parse(text) as { data: { eraseSubject: { status: string; sources: { status: string }[] } } }).data.eraseSubject;
    if (run.status !== "COMPLETED" || run.sources.some((s) => s.status !== "DONE")) {
      throw new Error(`gateway erase of ${c.subject.id} did not complete inline: ${text.slice(0, 800)}`);
    }
  }
  return out;
}

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

export async function runErase(gateway: Target, raw: Target, o: EraseOptions, log: (m: string) => void): Promise<EraseSummary> {
  const pool = new Pool({ connectionString: o.databaseUrl, max: 2 });
  try {
    const perSide = o.subjects / 2 + o.warmup;
    const subjects = await seedEraseSubjects(pool, { seed: o.seed + 1, count: 2 * perSide, now: o.now });
    log(`erase: seeded ${subjects.length} extra subjects; ${o.warmup} untimed + ${o.subjects / 2} timed erasures per server`);
    const calls: Call[] = [];
    for (let i = 0; i < perSide; i++) {
      const g: Call = { side: "gateway", subject: subjects[2 * i], headers: { authorization: `Bearer ${await o.customerToken(subjects[2 * i].id)}` }, timed: i >= o.warmup };
      const r: Call = { side: "raw", subject: subjects[2 * i + 1], headers: {}, timed: i >= o.warmup };
      calls.push(...(i % 2 ? [r, g] : [g, r])); // alternate which goes first
    }
    const results = { gateway: [] as Awaited<ReturnType<typeof eraseOnce>>[], raw: [] as Awaited<ReturnType<typeof eraseOnce>>[] };
    let before = { gateway: { statements: 0, requests: 0 }, raw: { statements: 0, requests: 0 } };
    for (const [i, c] of calls.entries()) {
      if (i === 2 * o.warmup) before = { gateway: await scrapeCounters(gateway), raw: await scrapeCounters(raw) };
      const t = c.side === "gateway" ? gateway : raw;
      assertAlive(t.child);
      const r = await eraseOnce(t, c, o.dbName);
      if (c.timed) results[c.side].push(r);
    }
    const after = { gateway: await scrapeCounters(gateway), raw: await scrapeCounters(raw) };
    const problems = await leftovers(pool, subjects);
    if (problems.length) throw new Error(`erase: data left behind after the runs:\n  ${problems.slice(0, 20).join("\n  ")}`);
    log(`erase: correctness: all ${subjects.length} erased subjects left only their held records (and hold rows)`);

    const side = (s: "gateway" | "raw"): EraseSide => {
      const rs = results[s];
      const sum = (f: (r: (typeof rs)[number]) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
      const [server, db] = [sum((r) => r.serverMs), sum((r) => r.dbMs)];
      return {
        ops: rs.length,
        p50Ms: quantile(rs.map((r) => r.ms), 0.5),
        p90Ms: quantile(rs.map((r) => r.ms), 0.9),
        meanMs: sum((r) => r.ms),
        cpuMsPerOp: { server, db, total: server + db },
        statementsPerOp: (after[s].statements - before[s].statements) / rs.length,
        latenciesMs: rs.map((r) => Math.round(r.ms * 100) / 100),
      };
    };
    const [g, r] = [side("gateway"), side("raw")];
    const tables = Object.keys(subjects[0].rows);
    const rowsPerSubject = Object.fromEntries([
      ...tables.map((k) => [k, subjects.reduce((a, s) => a + s.rows[k], 0) / subjects.length]),
      ["held", subjects.reduce((a, s) => a + s.heldIds.length, 0) / subjects.length],
    ]);
    return {
      key: "erase",
      title: `E: eraseSubject, one subject end to end (${o.subjects / 2} per server, one at a time, after ${o.warmup} untimed)`,
      target: ERASE_TARGET,
      gateway: g,
      raw: r,
      ratio: g.p50Ms / r.p50Ms,
      verdict: g.p50Ms / r.p50Ms <= ERASE_TARGET ? "PASS" : "ABOVE",
      warmupPerSide: o.warmup,
      rowsPerSubject,
    };
  } finally {
    await pool.end();
  }
}

const f = (n: number, digits = 1) => n.toFixed(digits);

export function formatErase(s: EraseSummary): string {
  const row = (name: string, x: EraseSide) =>
    `  ${name.padEnd(8)}${f(x.p50Ms).padStart(8)}${f(x.p90Ms).padStart(8)}${f(x.meanMs).padStart(9)}` +
    `${`${f(x.cpuMsPerOp.server, 2)} + ${f(x.cpuMsPerOp.db, 2)} = ${f(x.cpuMsPerOp.total, 2)}`.padStart(30)}${f(x.statementsPerOp, 1).padStart(8)}`;
  const rows = Object.entries(s.rowsPerSubject).map(([k, v]) => `${f(v, 1)} ${k}`).join(", ");
  return [
    s.title,
    `  ${"".padEnd(8)}${"p50 ms".padStart(8)}${"p90 ms".padStart(8)}${"mean ms".padStart(9)}${"CPU ms/op: srv + db = total".padStart(30)}${"SQL/op".padStart(8)}`,
    row("gateway", s.gateway),
    row("raw", s.raw),
    `  p50 latency gateway/raw: ${f(s.ratio, 2)}x  target <= ${f(s.target, 2)}x  ${s.verdict}`,
    `  per subject (average): ${rows}`,
    `  db CPU = the bench database's backends only; raw = one statement (transaction) per source, no request/tasks/jobs/audit`,
  ].join("\n");
}
