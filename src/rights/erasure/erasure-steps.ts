import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { POLICY_VERSION } from "../../policy/policy-version";
import type { Sources } from "../../sources/sources";
import type { Actor } from "../actor";
import type { AuditRecorder } from "../subject-state.service";
import type { ErasurePlan, HeldRecordType } from "./erasure-plan";
import type { LegalHoldRepository } from "./legal-hold.repository";

export type ErasureStepSource = "crm" | "auth" | "weblog" | "billing" | "privacy";

export interface KeptRecord {
  recordType: HeldRecordType;
  recordId: string;
  basis: string;
  /** YYYY-MM-DD. */
  until: string;
}

/** What one step did: rows deleted per table, and the records it left alone under a hold. */
export interface StepResult {
  source: ErasureStepSource;
  erased: Record<string, number>;
  kept: KeptRecord[];
}

/**
 * The per-source steps of an erasure, each run from the plan alone so that a job worker can run, retry or
 * resume them in any order after the plan was made. Each step is ONE statement (so one transaction) on its
 * own source and deletes by key, so running it again deletes nothing more and does not fail. A source that
 * is down throws SourceUnavailableError (naming the source): the caller retries, nothing reports success.
 *
 * Each executed step leaves one audit entry with counts only. The sources and the audit trail are separate
 * databases, so a source step's entry is written after its statement committed; if that write fails the
 * step throws and is retried, and the repeat (deleting 0 rows) is what gets recorded.
 */
export class ErasureSteps {
  constructor(
    private readonly sources: Pick<Sources, "crm" | "auth" | "weblog" | "billing">,
    private readonly holds: LegalHoldRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /** Deletes the crm customer row. */
  async eraseCrm(plan: ErasurePlan, actor: Actor): Promise<StepResult> {
    const erased = { customer: 0 };
    for (const id of plan.crm.customerIds) erased.customer += (await this.sources.crm.eraseCustomer(id)).customer;
    return this.done(actor, plan, { source: "crm", erased, kept: [] });
  }

  /** Deletes the account's login events, then the account (one statement). */
  async eraseAuth(plan: ErasurePlan, actor: Actor): Promise<StepResult> {
    const ids = plan.auth.accountIds;
    const erased = ids.length ? await this.sources.auth.eraseAccounts(ids) : { login_event: 0, account: 0 };
    return this.done(actor, plan, { source: "auth", erased: { ...erased }, kept: [] });
  }

  /** Deletes every access-log line logged under the account. */
  async eraseWeblog(plan: ErasurePlan, actor: Actor): Promise<StepResult> {
    const ids = plan.weblog.accountIds;
    const erased = ids.length ? await this.sources.weblog.eraseByAccounts(ids) : { access_log: 0 };
    return this.done(actor, plan, { source: "weblog", erased: { ...erased }, kept: [] });
  }

  /** Deletes payment methods and the invoices and payments past retention; held ones are never touched. */
  async eraseBilling(plan: ErasurePlan, actor: Actor): Promise<StepResult> {
    const b = plan.billing;
    const ids = (type: HeldRecordType) => b.holds.filter((h) => h.recordType === type).map((h) => h.recordId);
    const erased = plan.customerNumber
      ? await this.sources.billing.eraseCustomerRecords(
          plan.customerNumber,
          { invoiceIds: b.invoiceIds, paymentIds: b.paymentIds },
          { invoiceIds: ids("invoice"), paymentIds: ids("payment") },
        )
      : { payment_method: 0, payment: 0, invoice: 0 };
    return this.done(actor, plan, { source: "billing", erased: { ...erased }, kept: keptOf(plan) });
  }

  /**
   * Registers the plan's holds in the privacy store (upsert), together with the step's audit entry in one
   * transaction. Run it before the billing step, so a held record is never without its hold.
   */
  async recordHolds(plan: ErasurePlan, actor: Actor): Promise<StepResult> {
    const result: StepResult = { source: "privacy", erased: {}, kept: keptOf(plan) };
    const { customerNumber } = plan;
    await this.holds.transaction(async (manager) => {
      const written = customerNumber
        ? await this.holds.record(manager, { subjectId: plan.subjectId, requestId: plan.requestId, customerNumber }, plan.billing.holds)
        : { inserted: 0, updated: 0 };
      await this.audit.record([this.entry(actor, plan, result, { holdsInserted: written.inserted, holdsUpdated: written.updated })], manager);
    });
    return result;
  }

  private async done(actor: Actor, plan: ErasurePlan, result: StepResult): Promise<StepResult> {
    await this.audit.record([this.entry(actor, plan, result)]);
    return result;
  }

  /** Counts and codes only: table names, numbers, the request id. No record ids, no customer number. */
  private entry(actor: Actor, plan: ErasurePlan, r: StepResult, extra: Record<string, number> = {}): AuditEntryInput {
    const counts = Object.fromEntries(Object.entries(r.erased).map(([table, n]) => [`erased.${table}`, n]));
    return {
      action: AuditAction.SUBJECT_ERASURE_STEP,
      actor: actor.actor,
      role: actor.role,
      purpose: actor.purpose,
      subjectId: plan.subjectId,
      categories: [],
      requestId: actor.requestId,
      policyVersion: POLICY_VERSION,
      detail: { step: r.source, rightsRequest: plan.requestId, plannedOn: plan.plannedOn, ...counts, kept: r.kept.length, ...extra },
    };
  }
}

const keptOf = (plan: ErasurePlan): KeptRecord[] =>
  plan.billing.holds.map((h) => ({ recordType: h.recordType, recordId: h.recordId, basis: h.basis, until: h.expiresAt }));
