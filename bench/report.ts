import type { RoundResult } from "./load";
import type { Scenario } from "./scenarios";

/** Totals over a side's timed rounds: throughput as total requests / total time, CPU as total / total. */
export interface SideSummary {
  reqPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  cpuMsPerReq: { server: number; db: number; total: number; dbBenchBackendsOnly: number; loadGenerator: number };
  statementsPerReq: number;
  machineBusy: number;
  otherLoad: number;
}

export interface ScenarioSummary {
  key: string;
  title: string;
  target: number;
  gateway: SideSummary;
  raw: SideSummary;
  /** gateway req/s ÷ raw req/s over all rounds, and per interleaved pair of rounds. */
  ratio: number;
  ratioPerRound: number[];
  verdict: "PASS" | "BELOW";
  /** gateway CPU per request ÷ raw CPU per request (server + database). */
  cpuRatio: number;
  rounds: RoundResult[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function side(rounds: RoundResult[]): SideSummary {
  const requests = rounds.reduce((a, r) => a + r.requests, 0);
  const served = rounds.reduce((a, r) => a + r.served, 0);
  const seconds = rounds.reduce((a, r) => a + r.seconds, 0);
  // CPU per request was computed per round over `served`; weight each round by what it served.
  const cpu = (k: keyof RoundResult["cpuMsPerReq"]) => rounds.reduce((a, r) => a + r.cpuMsPerReq[k] * r.served, 0) / served;
  return {
    reqPerSec: requests / seconds,
    latencyP50Ms: median(rounds.map((r) => r.latencyMs.p50)),
    latencyP99Ms: median(rounds.map((r) => r.latencyMs.p99)),
    cpuMsPerReq: {
      server: cpu("server"),
      db: cpu("db"),
      total: cpu("total"),
      dbBenchBackendsOnly: cpu("dbBenchBackendsOnly"),
      loadGenerator: cpu("loadGenerator"),
    },
    statementsPerReq: rounds.reduce((a, r) => a + r.statementsPerReq * r.served, 0) / served,
    machineBusy: median(rounds.map((r) => r.machineBusy)),
    otherLoad: median(rounds.map((r) => r.otherLoad)),
  };
}

export function summarise(s: Scenario, rounds: RoundResult[]): ScenarioSummary {
  const gw = rounds.filter((r) => r.side === "gateway");
  const raw = rounds.filter((r) => r.side === "raw");
  const gateway = side(gw);
  const rawSide = side(raw);
  const ratio = gateway.reqPerSec / rawSide.reqPerSec;
  return {
    key: s.key,
    title: s.title,
    target: s.target,
    gateway,
    raw: rawSide,
    ratio,
    ratioPerRound: gw.map((g, i) => g.reqPerSec / raw[i].reqPerSec),
    verdict: ratio >= s.target ? "PASS" : "BELOW",
    cpuRatio: gateway.cpuMsPerReq.total / rawSide.cpuMsPerReq.total,
    rounds,
  };
}

const f = (n: number, digits = 1) => n.toFixed(digits);
const pad = (s: string, n: number) => s.padStart(n);

export function formatSummary(s: ScenarioSummary): string {
  const row = (name: string, x: SideSummary) =>
    `  ${name.padEnd(8)}${pad(f(x.reqPerSec), 9)}${pad(f(x.latencyP50Ms), 8)}${pad(f(x.latencyP99Ms), 8)}` +
    `${pad(`${f(x.cpuMsPerReq.server, 2)} + ${f(x.cpuMsPerReq.db, 2)} = ${f(x.cpuMsPerReq.total, 2)}`, 30)}` +
    `${pad(f(x.statementsPerReq, 2), 9)}${pad(`${f(x.machineBusy * 100, 0)}%`, 7)}${pad(`${f(x.otherLoad * 100, 0)}%`, 7)}`;
  return [
    s.title,
    `  ${"".padEnd(8)}${pad("req/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("CPU ms/req: srv + db = total", 30)}` +
      `${pad("SQL/req", 9)}${pad("busy", 7)}${pad("other", 7)}`,
    row("gateway", s.gateway),
    row("raw", s.raw),
    `  throughput gateway/raw: ${f(s.ratio, 2)}x  (per round: ${s.ratioPerRound.map((r) => f(r, 2)).join(", ")})` +
      `  target >= ${f(s.target, 2)}x  ${s.verdict}`,
    `  CPU per request gateway/raw: ${f(s.cpuRatio, 2)}x  (server ${f(s.gateway.cpuMsPerReq.server / s.raw.cpuMsPerReq.server, 2)}x,` +
      ` db ${f(s.gateway.cpuMsPerReq.db / s.raw.cpuMsPerReq.db, 2)}x)`,
    `  db CPU ms/req of the bench database's backends only: gateway ${f(s.gateway.cpuMsPerReq.dbBenchBackendsOnly, 2)},` +
      ` raw ${f(s.raw.cpuMsPerReq.dbBenchBackendsOnly, 2)} (the db column counts every postgres process)`,
  ].join("\n");
}
