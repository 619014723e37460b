import type { RetentionSummary } from "./retention-bench";
import type { RetentionSide } from "./retention-runs";

const f = (n: number, digits = 1) => n.toFixed(digits);

/** Scenario T's block of the printed summary. */
export function formatRetention(s: RetentionSummary): string {
  const row = (name: string, x: RetentionSide) =>
    `  ${name.padEnd(8)}${String(x.rows).padStart(9)}${f(x.seconds, 2).padStart(9)}${f(x.rowsPerSec, 0).padStart(10)}` +
    `${String(x.batches).padStart(9)}${String(x.statements).padStart(8)}` +
    `${`${f(x.cpuMs.server, 0)} + ${f(x.cpuMs.db, 0)} = ${f(x.cpuMs.server + x.cpuMs.db, 0)}`.padStart(26)}`;
  // Per rule and table: rows and the time of its part, gateway / raw (a contract-end part's time is the rule's).
  const raw = new Map(s.raw.parts.map((p) => [`${p.rule} ${p.table}`, p]));
  const perPart = s.gateway.parts.filter((p) => p.deleted > 0).map((p) => {
    const r = raw.get(`${p.rule} ${p.table}`);
    return `${p.rule} ${p.table} ${p.deleted} (${f(p.durationMs / 1000, 1)} s / ${r ? f(r.durationMs / 1000, 1) : "-"} s)`;
  });
  const r = s.readDuringRun;
  return [
    s.title,
    `  ${"".padEnd(8)}${"rows".padStart(9)}${"s".padStart(9)}${"rows/s".padStart(10)}${"batches".padStart(9)}${"SQL".padStart(8)}${"CPU ms: srv + db = total".padStart(26)}`,
    row("gateway", s.gateway),
    row("raw", s.raw),
    `  rows/s gateway/raw: ${f(s.ratio, 2)}x  (per round: ${s.ratioPerRound.map((x) => f(x, 2)).join(", ")})  target >= ${f(s.target, 2)}x  ${s.verdict}`,
    `  deleted per rule and table, all rounds (time of its part, gateway / raw):\n    ${perPart.join("\n    ")}`,
    `  judged on ${s.today}; contract-end rule: ${s.contractEndRule ? `${s.gateway.retired / s.rounds} customers retired per run (the baseline: erase's raw plan and statements)` : "not in this gateway (not run on either side)"}`,
    `  A during a run (${r.connections} connections, ${r.seconds} s each): alone ${f(r.alone.reqPerSec)} req/s (p99 ${f(r.alone.latencyP99Ms, 0)} ms),` +
      ` during ${f(r.during.reqPerSec)} req/s (p99 ${f(r.during.latencyP99Ms, 0)} ms): drop ${f(r.dropPct, 0)}%; every read answered`,
    `  the run under A's load took ${f(r.runSeconds, 1)} s${r.windowInsideRun ? " (A's window inside it)" : " and ended before A's window did: the drop is understated"}`,
    `  db CPU = every postgres process; raw = the same DELETE batches and hold look-ups (contract-end: erase's raw plan and`,
    `  statements, 4 customers at once); not in raw: the candidates' counts, the plan's evidence counts, run register, audit, HTTP`,
  ].join("\n");
}
