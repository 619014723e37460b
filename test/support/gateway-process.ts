import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

/** A gateway started as its own OS process (`node dist/src/main.js`), as a service manager runs it. */
export interface GatewayProcess {
  child: ChildProcess;
  /** http://host:port, from the banner; "" when the process ended (or gave up) before listening. */
  url: string;
  output: () => string;
}

/**
 * The processes a test file starts, so that it can stop every one of them at the end (whether or not it came
 * up, and however it ended), and none outlives the file.
 */
export class GatewayProcesses {
  private readonly started: ChildProcess[] = [];

  /** Starts one with the test's environment plus `env`; resolves once it prints where it listens, or has ended. */
  async start(env: Record<string, string>): Promise<GatewayProcess> {
    let output = "";
    const child = spawn(process.execPath, [resolve(__dirname, "../../src/main.js")], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    this.started.push(child);
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    let url = "";
    for (const deadline = Date.now() + 60_000; !url && child.exitCode === null && child.signalCode === null && Date.now() < deadline;) {
      url = /listening on (http:\/\/[\d.:]+)\/graphql/.exec(output)?.[1] ?? "";
      await new Promise((r) => setTimeout(r, 100));
    }
    return { child, url, output: () => output };
  }

  /** `start`, failing with what the process printed if it did not come up. */
  async up(env: Record<string, string>): Promise<GatewayProcess> {
    const p = await this.start(env);
    assert.ok(p.url, `gateway did not start:\n${p.output()}`);
    return p;
  }

  /** SIGTERM to each still running (the gateway drains and exits), then waits for it. */
  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }));
  }
}
