import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/**
 * The two servers run as separate node processes, so that each one's CPU can be read from /proc and neither
 * shares an event loop with the load generator.
 */
export interface Child {
  name: string;
  pid: number;
  baseUrl: string;
  proc: ChildProcess;
  /** Last lines of its stdout/stderr, printed when something goes wrong. */
  tail: string[];
  exitCode: number | null | undefined;
}

const TAIL_LINES = 40;

/** A port that was free a moment ago (only 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** BENCH_NODE_ARGS: extra node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
export function startChild(name: string, script: string, port: number, env: NodeJS.ProcessEnv, cwd: string): Child {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, script], {
    cwd,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  const child: Child = { name, pid: proc.pid, baseUrl: `http://127.0.0.1:${port}`, proc, tail: [], exitCode: undefined };
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) child.tail.push(line);
    child.tail.splice(0, Math.max(0, child.tail.length - TAIL_LINES));
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  proc.on("exit", (code, signal) => (child.exitCode = code ?? (signal ? -1 : null)));
  return child;
}

/** Polls `path` until it answers 200, the child dies, or the deadline passes. */
export async function waitReady(child: Child, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== undefined) throw new ChildError(child, `exited with code ${child.exitCode} while starting`);
    try {
      const res = await fetch(child.baseUrl + path, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ChildError(child, `not ready on ${path} after ${timeoutMs} ms`);
}

export function assertAlive(child: Child): void {
  if (child.exitCode === 0) {
    // The servers only exit 0 after a graceful shutdown, i.e. someone else sent SIGTERM/SIGINT.
    throw new ChildError(child, "exited with code 0: it was shut down by a signal from outside the benchmark");
  }
  if (child.exitCode !== undefined) throw new ChildError(child, `exited with code ${child.exitCode}`);
}

/** SIGTERM, then SIGKILL after `graceMs`: never leaves a server behind. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.exitCode !== undefined) return;
  const exited = new Promise<void>((resolve) => child.proc.once("exit", () => resolve()));
  child.proc.kill("SIGTERM");
  const timer = setTimeout(() => child.proc.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export class ChildError extends Error {
  constructor(child: Child, what: string) {
    super(`${child.name} ${what}\n--- last output of ${child.name} ---\n${child.tail.join("\n")}`);
  }
}
