import http from "node:http";
import path from "node:path";
import { loadConfig } from "../src/config/config";
import { TokenService } from "../src/auth/token.service";
import { isRole } from "../src/policy/roles";
import { startChild, stopChild, waitReady, freePort, type Child } from "./children";
import type { Target } from "./load";

/** Scenario T's gateway: a child on one copy of the data, and its `runRetention` over HTTP. */
export const RUN_RETENTION = `mutation BenchRetention($dryRun: Boolean!) {
  runRetention(dryRun: $dryRun) { dryRun ranAt today parts { rule store table candidates deleted keptByHold { kind count } batches durationMs errorCode } }
}`;

export interface GatewayPart {
  rule: string;
  store: string;
  table: string;
  candidates: number;
  deleted: number;
  keptByHold: { kind: string; count: number }[];
  batches: number;
  durationMs: number;
  errorCode: string | null;
}

export interface GatewayReport {
  dryRun: boolean;
  ranAt: string;
  today: string;
  parts: GatewayPart[];
}

export interface RetentionGateway {
  child: Child;
  target: Target;
  /** One run end to end (request to full response); fails on any error or any part with an error code. */
  run(dryRun: boolean): Promise<GatewayReport>;
  stop(): Promise<void>;
}

/**
 * POST with node:http: a real run can outlast fetch's (undici's) fixed 300 s wait for response headers.
 * Bounded by `timeoutMs` of inactivity on the socket.
 */
export function postJson(url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} for ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

export async function startRetentionGateway(root: string, name: string, env: NodeJS.ProcessEnv, children: Child[]): Promise<RetentionGateway> {
  const child = startChild(name, path.join(root, "dist", "src", "main.js"), await freePort(), env, root);
  children.push(child);
  await waitReady(child, "/readyz", 90_000);
  const role = env.BENCH_ROLE ?? "privacy_officer";
  if (!isRole(role)) throw new Error(`BENCH_ROLE ${role} is not a role`);
  const token = await new TokenService(loadConfig(env).jwt).sign({ sub: "bench", role });
  const headers = { authorization: `Bearer ${token}`, ...(env.BENCH_PURPOSE ? { "x-purpose": env.BENCH_PURPOSE } : {}) };
  const target: Target = {
    side: "gateway",
    child,
    headers,
    metrics: { statements: "gateway_sql_statements_total", requests: "gateway_graphql_requests_total" },
  };
  const run = async (dryRun: boolean): Promise<GatewayReport> => {
    const res = await postJson(`${child.baseUrl}/graphql`, headers, { query: RUN_RETENTION, variables: { dryRun } }, 1_800_000);
    if (res.status !== 200 || res.text.includes('"errors":')) throw new Error(`${name}: runRetention(dryRun: ${dryRun}) answered ${res.status} ${res.text.slice(0, 800)}`);
    const report = (JSON.parse(res.text) as { data: { runRetention: GatewayReport | null } }).data.runRetention;
    if (!report) throw new Error(`${name}: runRetention answered null`);
    const failed = report.parts.filter((p) => p.errorCode !== null);
    if (failed.length) throw new Error(`${name}: retention parts failed: ${JSON.stringify(failed)}`);
    return report;
  };
  return { child, target, run, stop: () => stopChild(child) };
}
