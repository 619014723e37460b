import type { Actor } from "../../access/actor";
import { StoreUnavailableError } from "../../db/store-error";
import { HoldKind } from "../../holds/legal-hold";
import type { LegalHoldRepository } from "../../holds/legal-hold.repository";
import type { Sources } from "../../sources/sources";
import { keptIds, type ErasurePlan } from "./erasure-plan";
import type { ErasureService } from "./erasure.service";
import type { KeptRecord, StepResult } from "./erasure-steps";

/** One source table's part of a retirement: rows deleted (or, dry, to delete) and the kinds of the holds keeping rows. */
interface TablePart {
  store: string;
  table: string;
  deleted: number;
  kept: HoldKind[];
}

/**
 * The contract-end rule's work on one customer (SPEC §6: "contract end + 6 months → delete"), done by erasure's
 * own plan and steps, so the result is the one an erasure on request leaves: the same deletes, the same FISCAL
 * hold rows on invoices and payments still inside fiscal retention (readable for LEGAL_TAX only), the same
 * ERASED marker when a hold keeps the crm record. No rights request and no per-subject audit entry: the run's
 * one entry is the evidence (counts only). The holds are written first and the crm record goes last, and only
 * when every other store answered: crm is the only way to find the customer again, so a store that was down is
 * retried at the next run (see `erased` for the order). Satisfies the retention engine's `Retirements` (wired by the composition root).
 */
export class ContractEndRetirement {
  constructor(
    private readonly erasure: ErasureService,
    private readonly sources: Pick<Sources, "crm" | "auth" | "weblog">,
    private readonly holds: LegalHoldRepository,
  ) {}

  endedContracts(beforeDay: string, afterId: string | null, limit: number): Promise<string[]> {
    return this.sources.crm.endedContracts(beforeDay, afterId, limit);
  }

  async retire(actor: Actor, subjectId: string, { dryRun, activitySince }: { dryRun: boolean; activitySince: Date })
    : Promise<{ tables: TablePart[]; failed: string[]; waiting: string[] }> {
    try {
      const plan = await this.erasure.plan(subjectId);
      return dryRun ? { tables: await this.counted(plan, activitySince), failed: [], waiting: [] } : await this.erased(plan, actor);
    } catch (err) {
      if (err instanceof StoreUnavailableError) return { tables: [], failed: [err.source], waiting: STAGES.flat().filter((s) => s !== err.source) };
      throw err;
    }
  }

  /**
   * The real retirement: holds; then weblog and billing at once; then auth; then crm — each only when the stores
   * before it answered. Order matters for a retry: the next run plans afresh, and finds the account (the only key
   * to the web-log lines) in auth and the customer number in crm, so neither may go while weblog's lines remain.
   * A store that did not answer is named; what the others deleted is counted.
   */
  private async erased(plan: ErasurePlan, actor: Actor): Promise<{ tables: TablePart[]; failed: string[]; waiting: string[] }> {
    const steps = this.erasure.steps;
    const step = { weblog: steps.eraseWeblog, billing: steps.eraseBilling, auth: steps.eraseAuth, crm: steps.eraseCrm };
    await this.holds.transaction((manager) => steps.recordHolds(plan, manager, actor.role));
    const done: StepResult[] = [];
    for (const [i, stage] of STAGES.entries()) {
      const settled = await Promise.allSettled(stage.map((source) => step[source].call(steps, plan)));
      done.push(...settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])));
      const failed = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
      const other = failed.find((e) => !(e instanceof StoreUnavailableError));
      if (other) throw other;
      if (failed.length) return { tables: tablesOf(done), failed: failed.map((e) => (e as StoreUnavailableError).source), waiting: STAGES.slice(i + 1).flat() };
    }
    return { tables: tablesOf(done), failed: [], waiting: [] };
  }

  /**
   * What `erased` would delete, from the plan. Login events and log lines before `activitySince` are the
   * activity rule's (it runs first); invoices and payments past fiscal retention are the fiscal rule's, so
   * what is left of billing here is held.
   */
  private async counted(plan: ErasurePlan, activitySince: Date): Promise<TablePart[]> {
    const accounts = plan.auth.accountIds;
    const [loginEvents, lines] = await Promise.all([
      this.sources.auth.countLoginEventsSince(accounts, keptIds(plan, "auth", "login_event"), activitySince),
      this.sources.weblog.countByAccountsSince(accounts, keptIds(plan, "weblog", "access_log"), activitySince),
    ]);
    const keptOf = (source: string, recordType: string) =>
      source === "billing"
        ? plan.billing.holds.filter((h) => h.recordType === recordType).map((h) => h.kind ?? HoldKind.FISCAL)
        : (plan.kept ?? []).filter((k) => k.source === source && k.recordType === recordType).map((k) => k.kind);
    const part = (store: string, table: string, deleted: number) => ({ store, table, deleted, kept: keptOf(store, table) });
    return [
      part("crm", "customer", plan.crm.customerIds.length - keptIds(plan, "crm", "customer").length),
      part("auth", "account", accounts.length - keptIds(plan, "auth", "account").length),
      part("auth", "login_event", loginEvents),
      part("weblog", "access_log", lines),
      part("billing", "payment_method", plan.billing.paymentMethodIds.length),
      part("billing", "invoice", 0),
      part("billing", "payment", 0),
    ];
  }
}

/** The source steps in order: a stage runs only when every store of the stages before it answered (see `erased`). */
const STAGES = [["weblog", "billing"], ["auth"], ["crm"]] as const;

/** The steps' results per table: rows erased, and the records kept by the kind of their hold. */
function tablesOf(results: readonly StepResult[]): TablePart[] {
  return results.flatMap((r) => {
    const tables = new Set([...Object.keys(r.erased), ...r.kept.map((k) => k.recordType)]);
    return [...tables].map((table) => ({
      store: r.source,
      table,
      deleted: r.erased[table] ?? 0,
      kept: r.kept.filter((k: KeptRecord) => k.recordType === table).map((k) => k.kind ?? HoldKind.FISCAL),
    }));
  });
}
