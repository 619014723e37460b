import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLK_TCK } from "./proc-cpu";
import { formatErase, type EraseSummary } from "./erase-bench";
import { formatSummary, type ScenarioSummary } from "./report";
import { formatRetention } from "./retention-report";
import type { RetentionSummary } from "./retention-bench";

/** The printed summary and bench-results.json (in the repository root). */
export interface BenchOutcome {
  config: Record<string, unknown> & { databaseUrl: string; now: Date };
  /** Absent when only scenario T ran. */
  data?: Record<string, unknown>;
  statementsByListSize?: Record<"gateway" | "raw", Record<number, number>>;
  listSize?: number;
  scenarios: ScenarioSummary[];
  erase: EraseSummary | null;
  retention: RetentionSummary | null;
}

export function printSummary(o: BenchOutcome): void {
  const blocks = [...o.scenarios.map(formatSummary), ...(o.erase ? [formatErase(o.erase)] : []), ...(o.retention ? [formatRetention(o.retention)] : [])];
  process.stdout.write(`\n${blocks.join("\n\n")}\n`);
  const bySize = o.statementsByListSize;
  process.stdout.write(
    (bySize
      ? `\nSQL statements per request by list size (1, 10, ${o.listSize}): gateway ${Object.values(bySize.gateway).join(", ")};` +
        ` raw ${Object.values(bySize.raw).join(", ")}\n`
      : "\n") +
      `busy = share of all ${os.cpus().length} cores in use; other = share used by anything but the server, postgres` +
      ` and the load generator (noise from a shared machine)\n`,
  );
}

export function writeResults(root: string, o: BenchOutcome): string {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      totalMemMb: Math.round(os.totalmem() / 2 ** 20),
      loadavg: os.loadavg(),
      clkTck: CLK_TCK,
    },
    config: { ...o.config, databaseUrl: redact(o.config.databaseUrl), now: o.config.now.toISOString(), listSize: o.listSize },
    data: o.data,
    statementsByListSize: o.statementsByListSize,
    scenarios: o.scenarios,
    erase: o.erase,
    retention: o.retention,
  };
  const file = path.join(root, "bench-results.json");
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  return file;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
