import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time from /proc (Linux only). Rounds never overlap, so the delta of a process's CPU over a round is
 * that round's cost; per request = delta / requests completed.
 */

/** Clock ticks per second of /proc/<pid>/stat's time fields (almost always 100). */
export const CLK_TCK = (() => {
  try {
    const n = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5000 }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  comm: string;
  /** utime + stime, in ticks. */
  self: number;
  /** cutime + cstime: CPU of children already reaped by this process, in ticks. */
  children: number;
}

function readStat(pid: number | string): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // exited between listing and reading
  }
  // comm is in parentheses and may itself contain spaces or ')': split after the last ')'.
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const f = text.slice(close + 2).split(" "); // f[0] is field 3 (state)
  return { comm, self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
}

const ticksToMs = (ticks: number) => (ticks * 1000) / CLK_TCK;

/** User + system CPU of one process, in ms (its own threads; it spawns no children). */
export function processCpuMs(pid: number): number {
  const s = readStat(pid);
  if (!s) throw new Error(`process ${pid} is gone`);
  return ticksToMs(s.self);
}

export interface PostgresCpu {
  /**
   * Every `postgres` process on the machine, plus the CPU of backends that exited (the postmaster's reaped
   * children), so a connection closed mid-round is neither lost nor counted negative.
   */
  allMs: number;
  /**
   * CPU (ms) per backend connected to the bench database (by process title): unaffected by other databases'
   * load. Compare two samples with benchBackendsDeltaMs.
   */
  benchBackends: Map<string, number>;
}

/** CPU the bench database's backends used between two samples; backends that exited in between are not seen. */
export function benchBackendsDeltaMs(before: PostgresCpu, after: PostgresCpu): number {
  let ms = 0;
  for (const [pid, now] of after.benchBackends) ms += now - (before.benchBackends.get(pid) ?? 0);
  return ms;
}

export function postgresCpuMs(dbName: string): PostgresCpu {
  let all = 0;
  const bench = new Map<string, number>();
  const title = new RegExp(`^postgres: (?:\\S+: )?\\S+ ${dbName.replace(/[^\w-]/g, "\\$&")} `);
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const s = readStat(pid);
    if (!s || s.comm !== "postgres") continue;
    all += s.self + s.children;
    if (title.test(readCmdline(pid))) bench.set(pid, ticksToMs(s.self));
  }
  return { allMs: ticksToMs(all), benchBackends: bench };
}

function readCmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/**
 * Whole-machine CPU (all cores) in ms: how busy the box was, to spot load that is neither server, database nor
 * load generator (other people's builds on a shared machine). Steal time is the hypervisor's, not ours.
 */
export function machineCpuMs(): { busyMs: number; totalMs: number; stealMs: number } {
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest is already inside user)
  const v = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + (b || 0), 0);
  const idle = v[3] + (v[4] || 0);
  const steal = v[7] || 0;
  return { busyMs: ticksToMs(total - idle - steal), totalMs: ticksToMs(total), stealMs: ticksToMs(steal) };
}
