import { deepStrictEqual } from "node:assert/strict";
import { scrapeCounters, type Target } from "./load";
import { gatewayRequest, rawSubjectsRequest, SUBJECTS_QUERY, type RequestSpec, type Scenario } from "./scenarios";

/**
 * Before anything is timed: both servers must return the same data for every request of every scenario.
 * This is what makes the throughput ratio mean "the same work, with and without the gateway".
 */

async function post(t: Target, r: RequestSpec): Promise<unknown> {
  const res = await fetch(t.child.baseUrl + r.path, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.headers },
    body: r.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${t.side} ${r.path} answered HTTP ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

/** The gateway's `data`, or a loud failure when the response carries any GraphQL error. */
function gatewayData(body: unknown): unknown {
  const b = body as { data?: unknown; errors?: unknown[] };
  if (b.errors?.length) throw new Error(`gateway returned GraphQL errors: ${JSON.stringify(b.errors).slice(0, 1000)}`);
  if (b.data === undefined || b.data === null) throw new Error("gateway returned no data");
  return b.data;
}

/**
 * The access report's `generatedAt` is the moment each server built it, so it differs between any two calls:
 * for the report scenario ONLY it is checked to be an ISO timestamp on both sides and then left out of the
 * comparison. Everything else of the document (categories and retention included) must be equal.
 */
function comparable(key: Scenario["key"], data: unknown): unknown {
  if (key !== "report") return data;
  const d = data as { accessReport?: { json?: { generatedAt?: unknown } } | null };
  const json = d.accessReport?.json;
  if (!json || typeof json.generatedAt !== "string" || Number.isNaN(Date.parse(json.generatedAt))) {
    throw new Error(`report: no access report with an ISO generatedAt in ${JSON.stringify(data).slice(0, 300)}`);
  }
  const { generatedAt: _ignored, ...rest } = json;
  return { ...d, accessReport: { ...d.accessReport, json: rest } };
}

export async function assertSameData(gateway: Target, raw: Target, scenarios: Scenario[]): Promise<number> {
  let compared = 0;
  for (const s of scenarios) {
    for (let i = 0; i < s.gateway.length; i++) {
      const [g, r] = await Promise.all([post(gateway, s.gateway[i]), post(raw, s.raw[i])]);
      try {
        deepStrictEqual(comparable(s.key, gatewayData(g)), comparable(s.key, r));
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new Error(`scenario ${s.key}, request ${i}: gateway and raw server disagree\n${detail.slice(0, 3000)}`, {
          cause: err,
        });
      }
      compared++;
    }
  }
  return compared;
}

/** SQL statements of one request per list size: must not grow with the list (no N+1). */
export async function statementsByListSize(
  gateway: Target,
  raw: Target,
  sizes: readonly number[],
): Promise<Record<"gateway" | "raw", Record<number, number>>> {
  const out = { gateway: {} as Record<number, number>, raw: {} as Record<number, number> };
  for (const first of sizes) {
    for (const [t, req] of [
      [gateway, gatewayRequest(SUBJECTS_QUERY, { first })],
      [raw, rawSubjectsRequest(first)],
    ] as const) {
      const before = await scrapeCounters(t);
      const body = await post(t, req);
      if (t.side === "gateway") gatewayData(body);
      const after = await scrapeCounters(t);
      out[t.side][first] = (after.statements - before.statements) / Math.max(1, after.requests - before.requests);
    }
  }
  return out;
}
