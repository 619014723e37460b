import autocannon from "autocannon";
import { assertAlive, type Child } from "./children";
import { benchBackendsDeltaMs, machineCpuMs, postgresCpuMs, processCpuMs } from "./proc-cpu";
import type { RequestSpec } from "./scenarios";

/** One server under test, with the counters it exposes on GET /metrics. */
export interface Target {
  side: "gateway" | "raw";
  child: Child;
  headers: Record<string, string>;
  metrics: { statements: string; requests: string };
}

export interface RoundResult {
  side: "gateway" | "raw";
  round: number;
  seconds: number;
  /**
   * Completed inside the measured window (throughput) / counted by the server over the whole round, lead and
   * in-flight tail included (CPU and statements per request: all of that round's work).
   */
  requests: number;
  served: number;
  reqPerSec: number;
  latencyMs: { p50: number; p99: number; avg: number };
  cpuMsPerReq: { server: number; db: number; total: number; dbBenchBackendsOnly: number; loadGenerator: number };
  /** Share of the whole machine (all cores, autocannon included) that was busy during the round. */
  machineBusy: number;
  /** Share of the machine busy with something else than server, database and load generator (noise). */
  otherLoad: number;
  statementsPerReq: number;
}

export interface RoundOptions {
  seconds: number;
  connections: number;
  dbName: string;
  round: number;
}

/**
 * A GraphQL error arrives as HTTP 200: any body carrying a top-level-looking `"errors":` counts as a failed
 * request. (Inside a JSON string the quotes would be escaped, so personal data cannot trigger it.)
 */
const verifyBody = (body: string | Buffer | undefined) => {
  const text = typeof body === "string" ? body : (body?.toString("utf8") ?? ""); // autocannon hands a string
  return text.length > 0 && !text.includes('"errors":');
};

export async function scrapeCounters(t: Target): Promise<{ statements: number; requests: number }> {
  const res = await fetch(`${t.child.baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${t.side} /metrics answered ${res.status}`);
  const text = await res.text();
  const read = (name: string) => {
    const m = new RegExp(`^${name} (\\d+(?:\\.\\d+)?)$`, "m").exec(text);
    if (!m) throw new Error(`${t.side} /metrics has no ${name}`);
    return Number(m[1]);
  };
  return { statements: read(t.metrics.statements), requests: read(t.metrics.requests) };
}

/**
 * Throughput counts only responses that arrive in [LEAD, LEAD + seconds] after the start. Counting from the
 * start would charge every server the first response time of its connections (nothing completes during the
 * first latency), a large share of a round for a slow scenario such as the 100-subject page, and more for the
 * slower server, which would skew the ratio against it. The lead must exceed the slowest latency.
 */
export const LEAD_SECONDS = 2;

function fire(opts: autocannon.Options, seconds: number): Promise<{ result: autocannon.Result; inWindow: number }> {
  return new Promise((resolve, reject) => {
    let inWindow = 0;
    const t0 = performance.now();
    const [from, to] = [LEAD_SECONDS * 1000, (LEAD_SECONDS + seconds) * 1000];
    const instance = autocannon(opts, (err: unknown, result) => (err ? reject(err) : resolve({ result, inWindow })));
    instance.on("response", () => {
      const at = performance.now() - t0;
      if (at >= from && at < to) inWindow++;
    });
  });
}

/** Fires `requests` in a loop on every connection for `seconds`; throws on any failed response. */
export async function runRound(t: Target, requests: RequestSpec[], o: RoundOptions): Promise<RoundResult> {
  assertAlive(t.child);
  const before = await scrapeCounters(t);
  const cpu0 = { server: processCpuMs(t.child.pid), db: postgresCpuMs(o.dbName), gen: process.cpuUsage(), machine: machineCpuMs() };

  const { result, inWindow } = await fire(
    {
      url: t.child.baseUrl,
      connections: o.connections,
      duration: LEAD_SECONDS + o.seconds,
      timeout: 30,
      bailout: 1, // the first failed response ends the round: a wrong answer makes every number meaningless
      headers: { "content-type": "application/json", ...t.headers },
      requests: requests.map((r) => ({ method: "POST" as const, path: r.path, body: r.body })),
      verifyBody,
    },
    o.seconds,
  );

  const genUsage = process.cpuUsage(cpu0.gen);
  const machine = machineCpuMs();
  const serverAtStop = processCpuMs(t.child.pid) - cpu0.server;
  const dbAtStop = postgresCpuMs(o.dbName).allMs - cpu0.db.allMs;
  // Requests still in flight when autocannon stopped are finished by the server anyway: let them complete, and
  // divide CPU and statements by the requests the server itself counted, so their cost is not spread thin.
  await new Promise((r) => setTimeout(r, Math.min(3000, Math.max(200, 2 * result.latency.max))));
  const db = postgresCpuMs(o.dbName);
  const serverMs = processCpuMs(t.child.pid) - cpu0.server;
  const after = await scrapeCounters(t);
  assertAlive(t.child);

  const failed = result.errors + result.non2xx + result.mismatches;
  if (failed > 0) {
    throw new Error(
      `${t.side} round ${o.round}: ${result.errors} connection errors/timeouts, ${result.non2xx} non-2xx, ` +
        `${result.mismatches} bodies with "errors" — the benchmark is invalid`,
    );
  }
  const n = inWindow;
  if (n === 0) throw new Error(`${t.side} round ${o.round}: no request completed in the measured window`);
  const served = Math.max(1, after.requests - before.requests);
  const dbMs = db.allMs - cpu0.db.allMs;
  const machineMs = Math.max(1, machine.totalMs - cpu0.machine.totalMs);
  const busyMs = machine.busyMs - cpu0.machine.busyMs;
  const ownMs = serverAtStop + dbAtStop + (genUsage.user + genUsage.system) / 1000;
  return {
    side: t.side,
    round: o.round,
    seconds: o.seconds,
    requests: n,
    served,
    reqPerSec: n / o.seconds,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, avg: result.latency.average },
    cpuMsPerReq: {
      server: serverMs / served,
      db: dbMs / served,
      total: (serverMs + dbMs) / served,
      dbBenchBackendsOnly: benchBackendsDeltaMs(cpu0.db, db) / served,
      loadGenerator: (genUsage.user + genUsage.system) / 1000 / n,
    },
    machineBusy: busyMs / machineMs,
    otherLoad: Math.max(0, busyMs - ownMs) / machineMs,
    statementsPerReq: (after.statements - before.statements) / served,
  };
}
