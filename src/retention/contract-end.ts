import type { Actor } from "../access/actor";
import { StoreUnavailableError } from "../db/store-error";
import { ErrorCode } from "../errors/error-code";
import type { HoldKind } from "../holds/legal-hold";
import { firstKeptAnchor, ruleById } from "../policy/retention";
import type { RetentionPart } from "./retention-report";

export const CONTRACT_END_RULE = "crm-after-contract";

/** What retiring one customer did (or, dry, would do) in one source table. */
export interface RetiredTable {
  store: string;
  table: string;
  deleted: number;
  /** One entry per record a hold in force keeps, by the kind of its longest hold. */
  kept: HoldKind[];
}

export interface Retirement {
  tables: RetiredTable[];
  /** The stores that did not answer; the customer's crm record is then left for the next run. */
  failed: string[];
  /** The stores whose step was not run because one before it failed (crm always, then): the next run does them. */
  waiting: string[];
}

/**
 * Retirement of customers whose contract ended: erasure's own plan and steps (given by the composition root,
 * which owns both features), so a customer retired by retention is indistinguishable from one erased on request.
 */
export interface Retirements {
  endedContracts(beforeDay: string, afterId: string | null, limit: number): Promise<string[]>;
  /** `activitySince`: in a dry run, login events and log lines before it are counted by the activity rule, not here. */
  retire(actor: Actor, subjectId: string, options: { dryRun: boolean; activitySince: Date }): Promise<Retirement>;
}

/** The tables retirement reaches, in the order the report lists them. */
export const RETIRED_TABLES: readonly (readonly [string, string])[] = [
  ["crm", "customer"], ["auth", "account"], ["auth", "login_event"], ["weblog", "access_log"],
  ["billing", "payment_method"], ["billing", "invoice"], ["billing", "payment"],
];

/** Customers retired at once within a batch: separate stores, each retirement a handful of statements. */
const AT_ONCE = 4;

/**
 * The contract-end rule (SPEC §6): every customer whose contract ended more than the rule's months before today
 * is retired — crm record, account with its login events, payment methods and web-log lines deleted, invoices and
 * payments inside fiscal retention kept under a FISCAL hold — in batches of `batchSize` customers. It runs after
 * the other rules, so in a real run their rows are gone already, and a dry run leaves them to those rules too
 * (`activitySince`; past-fiscal invoices are the fiscal rule's): dry and real count the same rows once.
 * Customers are keyset-paged by id; a customer whose retirement failed keeps its crm row and is found again next run.
 */
export async function runContractEnd(retirements: Retirements, actor: Actor, today: string, dryRun: boolean, batchSize: number)
  : Promise<RetentionPart[]> {
  const started = performance.now();
  const parts = new Map(RETIRED_TABLES.map(([store, table]) => [`${store}/${table}`, emptyPart(store, table)]));
  const customers = parts.get("crm/customer")!;
  const activitySince = new Date(`${firstKeptAnchor(ruleById("activity-rolling"), today)}T00:00:00Z`);
  const before = firstKeptAnchor(ruleById(CONTRACT_END_RULE), today);
  const kept = new Map<string, Map<HoldKind, number>>();
  const fail = (store: string) => { for (const p of parts.values()) if (p.store === store) p.errorCode = ErrorCode.SOURCE_UNAVAILABLE; };
  try {
    for (let after: string | null = null, n = batchSize; n === batchSize;) {
      const ids = await retirements.endedContracts(before, after, batchSize);
      [n, after] = [ids.length, ids.at(-1) ?? after];
      customers.batches++;
      customers.candidates += ids.length;
      for (let i = 0; i < ids.length; i += AT_ONCE) {
        const done = await Promise.all(ids.slice(i, i + AT_ONCE).map((id) => retirements.retire(actor, id, { dryRun, activitySince })));
        for (const r of done) {
          [...r.failed, ...r.waiting].forEach(fail);
          for (const t of r.tables) {
            const part = parts.get(`${t.store}/${t.table}`)!;
            part.deleted += t.deleted;
            const byKind = kept.get(`${t.store}/${t.table}`) ?? new Map<HoldKind, number>();
            for (const kind of t.kept) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
            kept.set(`${t.store}/${t.table}`, byKind);
          }
        }
      }
    }
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    fail(err.source);
    fail("crm");
  }
  const durationMs = Math.round(performance.now() - started);
  return [...parts].map(([key, p]) => {
    const keptByHold = [...(kept.get(key) ?? [])].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
    const held = keptByHold.reduce((s, k) => s + k.count, 0);
    // The crm part's candidates are the customers found; another table's, what retirement met there.
    return { ...p, keptByHold, candidates: p.table === "customer" ? p.candidates : p.deleted + held, batches: customers.batches, durationMs };
  });
}

const emptyPart = (store: string, table: string): RetentionPart =>
  ({ rule: CONTRACT_END_RULE, store, table, candidates: 0, deleted: 0, keptByHold: [], batches: 0, durationMs: 0, errorCode: null });
