import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { POLICY_VERSION } from "../../policy/policy-version";
import type { EntityManager } from "typeorm";
import type { Sources } from "../../sources/sources";
import type { Actor } from "../../access/actor";
import { billingHolds, keptIds, type ErasurePlan, type HeldRecordType } from "./erasure-plan";
import { HoldKind } from "../../holds/legal-hold";
import type { LegalHoldRepository } from "../../holds/legal-hold.repository";
import type { StatementPart } from "../../db/one-statement";
import type { Role } from "../../policy/roles";
import { erasedDirectivePart } from "../choices/choices.repository";

export type ErasureStepSource = "crm" | "auth" | "weblog" | "billing" | "privacy";

export interface KeptRecord {
  recordType: string;
  recordId: string;
  basis: string;
  /** YYYY-MM-DD. */
  until: string;
  /** The hold's kind: FISCAL, or a hold already in force (absent in results recorded before kinds existed: FISCAL). */
  kind?: HoldKind;
}

/**
 * Whether the subject may be told a record is kept: not under a preservation order (Sv 126ni), which is
 * confidential (Sv 126bb, UAVG art. 41) — the privacy officer sees such records, the subject does not.
 */
export const toldToSubject = (k: { kind?: HoldKind }): boolean => k.kind !== HoldKind.PRESERVATION;

/** What one step did: rows deleted per table, and the records it left alone under a hold. */
export interface StepResult {
  source: ErasureStepSource;
  erased: Record<string, number>;
  kept: KeptRecord[];
  /** Counts for the audit entry only (the hold register's inserted/updated rows). */
  counts?: Record<string, number>;
  /**
   * Set on a repeated step when an earlier attempt may have deleted rows whose result was never recorded
   * (the gateway stopped before settling it): the counts are then the plan's, made before anything was deleted.
   */
  earlierAttemptUnrecorded?: boolean;
}

/**
 * The per-source steps of an erasure, each run from the plan alone so that a job worker can run, retry or
 * resume them in any order after the plan was made. Each step is ONE statement (so one transaction) on its
 * own source and deletes by key, so running it again deletes nothing more and does not fail. A source that
 * is down throws StoreUnavailableError (naming the source): the caller retries, nothing reports success.
 *
 * Executed steps are evidenced with counts only (`stepsEntry`, one entry for the steps settled together),
 * which the caller writes together with the tasks' status. The sources and the audit trail are separate
 * databases, so a source step's evidence is written after its statement committed; if that write fails the
 * task is not DONE and the request's job repeats the step. The repeat deletes 0 rows, so its evidence is
 * what all attempts removed, and no less than the plan's counts (`accountedResult`).
 */
export class ErasureSteps {
  constructor(
    private readonly sources: Pick<Sources, "crm" | "auth" | "weblog" | "billing">,
    private readonly holds: LegalHoldRepository,
  ) {}

  /** Deletes the crm customer row, unless a hold keeps it. */
  async eraseCrm(plan: ErasurePlan): Promise<StepResult> {
    const erased = { customer: 0 };
    const kept = new Set(keptIds(plan, "crm", "customer"));
    for (const id of plan.crm.customerIds) if (!kept.has(id)) erased.customer += (await this.sources.crm.eraseCustomer(id)).customer;
    return { source: "crm", erased, kept: keptIn(plan, "crm") };
  }

  /** Deletes the account's login events, then the account (one statement); what a hold keeps stays. */
  async eraseAuth(plan: ErasurePlan): Promise<StepResult> {
    const ids = plan.auth.accountIds;
    const keep = { accountIds: keptIds(plan, "auth", "account"), eventIds: keptIds(plan, "auth", "login_event") };
    const erased = ids.length ? await this.sources.auth.eraseAccounts(ids, keep) : { login_event: 0, account: 0 };
    return { source: "auth", erased: { ...erased }, kept: keptIn(plan, "auth") };
  }

  /** Deletes every access-log line logged under the account but those a hold keeps. */
  async eraseWeblog(plan: ErasurePlan): Promise<StepResult> {
    const ids = plan.weblog.accountIds;
    const erased = ids.length ? await this.sources.weblog.eraseByAccounts(ids, keptIds(plan, "weblog", "access_log")) : { access_log: 0 };
    return { source: "weblog", erased: { ...erased }, kept: keptIn(plan, "weblog") };
  }

  /** Deletes payment methods and the invoices and payments past retention; held ones are never touched. */
  async eraseBilling(plan: ErasurePlan): Promise<StepResult> {
    const b = plan.billing;
    const ids = (type: HeldRecordType) => b.holds.filter((h) => h.recordType === type).map((h) => h.recordId);
    const erased = plan.customerNumber
      ? await this.sources.billing.eraseCustomerRecords(
          plan.customerNumber,
          { invoiceIds: b.invoiceIds, paymentIds: b.paymentIds },
          { invoiceIds: ids("invoice"), paymentIds: ids("payment") },
        )
      : { payment_method: 0, payment: 0, invoice: 0 };
    return { source: "billing", erased: { ...erased }, kept: keptOf(plan) };
  }

  /**
   * Registers the plan's holds in the privacy store (upsert) on the caller's transaction, which also writes
   * the step's audit entry. Run it before the billing step, so a held record is never without its hold. When a
   * hold keeps the crm record, the subject is marked ERASED too (before the crm step), so no purpose finds it.
   */
  async recordHolds(plan: ErasurePlan, manager: EntityManager, role: Role): Promise<StepResult> {
    const { customerNumber } = plan;
    if (customerNumber) await this.holds.record(manager, { subjectId: plan.subjectId, requestId: plan.requestId, customerNumber }, billingHolds(plan.billing.holds));
    for (const part of erasedParts(plan, role)) await manager.query(part.text, part.params);
    return holdsResult(plan);
  }

  /** `recordHolds` as parts of one combined statement (db/one-statement.ts) that also writes its audit entry. */
  holdParts(plan: ErasurePlan, role: Role): { parts: StatementPart[]; result: StepResult } {
    const { customerNumber } = plan;
    const parts = customerNumber ? this.holds.upsertPart({ subjectId: plan.subjectId, requestId: plan.requestId, customerNumber }, billingHolds(plan.billing.holds)) : [];
    return { parts: [...parts, ...erasedParts(plan, role)], result: holdsResult(plan) };
  }
}

/** The ERASED directive when a hold keeps the subject's crm record (none otherwise). */
const erasedParts = (plan: ErasurePlan, role: Role): StatementPart[] =>
  keptIds(plan, "crm", "customer").length ? [erasedDirectivePart(plan.subjectId, { role, policyVersion: POLICY_VERSION })] : [];

/**
 * The privacy step's result: the holds registered (the upsert makes each present and current; whether a row
 * was new or renewed is in the register itself, created_at against the request).
 */
const holdsResult = (plan: ErasurePlan): StepResult => ({
  source: "privacy",
  erased: {},
  kept: keptOf(plan),
  counts: { holdsRegistered: plan.customerNumber ? plan.billing.holds.length : 0 },
});

/**
 * The evidence of executed steps, ONE entry for those recorded together (the results of one settle): per
 * step, counts and codes only (table names, numbers), no record ids; the request id and plan date once.
 */
export function stepsEntry(actor: Actor, plan: ErasurePlan, results: readonly StepResult[]): AuditEntryInput {
  const steps = results.map((r) => ({
    step: r.source,
    ...Object.fromEntries(Object.entries(r.erased).map(([table, n]) => [`erased.${table}`, n])),
    kept: r.kept.length,
    ...r.counts,
    ...(r.earlierAttemptUnrecorded ? { earlierAttempt: "UNRECORDED" } : {}),
  }));
  return {
    action: AuditAction.SUBJECT_ERASURE_STEP,
    actor: actor.actor,
    role: actor.role,
    purpose: actor.purpose,
    subjectId: plan.subjectId,
    categories: [],
    requestId: actor.requestId,
    policyVersion: POLICY_VERSION,
    detail: { rightsRequest: plan.requestId, plannedOn: plan.plannedOn, steps },
  };
}

/**
 * What the plan says a step removes, per table: the records it listed, and the login events and access-log
 * lines it counted (0 lines when weblog could not be counted).
 */
export function plannedCounts(plan: ErasurePlan, source: ErasureStepSource): Record<string, number> {
  switch (source) {
    case "crm": return { customer: plan.crm.customerIds.length - keptIds(plan, "crm", "customer").length };
    case "auth": return { login_event: plan.auth.loginEvents, account: plan.auth.accountIds.length - keptIds(plan, "auth", "account").length };
    case "weblog": return { access_log: plan.weblog.accessLogLines ?? 0 };
    case "billing": return plan.customerNumber
      ? { payment_method: plan.billing.paymentMethodIds.length, payment: plan.billing.paymentIds.length, invoice: plan.billing.invoiceIds.length }
      : {};
    default: return {};
  }
}

/**
 * A repeated step's result as evidence of the whole erasure, not of this attempt alone: per table what
 * the attempts removed (`earlier`: an attempt of this process whose result could not be recorded), and no
 * less than the plan's count. A repeat deletes nothing more, so by itself it would say 0.
 */
export function accountedResult(plan: ErasurePlan, result: StepResult, earlier: StepResult | null, unrecorded: boolean): StepResult {
  const erased: Record<string, number> = { ...result.erased };
  for (const [table, n] of Object.entries(earlier?.erased ?? {})) erased[table] = (erased[table] ?? 0) + n;
  for (const [table, n] of Object.entries(plannedCounts(plan, result.source))) erased[table] = Math.max(erased[table] ?? 0, n);
  return { ...result, erased, ...(unrecorded && !earlier ? { earlierAttemptUnrecorded: true } : {}) };
}

/**
 * What each source step would do if run now, from the plan alone (nothing deleted): the plan's counts per table
 * and the records it keeps. `null` for weblog's counts when weblog could not be counted when planned.
 */
export function plannedResults(plan: ErasurePlan): { result: StepResult; counted: boolean }[] {
  return (["crm", "auth", "weblog", "billing"] as const).map((source) => ({
    result: { source, erased: plannedCounts(plan, source), kept: source === "billing" ? keptOf(plan) : keptIn(plan, source) },
    counted: source !== "weblog" || plan.weblog.accessLogLines !== undefined,
  }));
}

const keptOf = (plan: ErasurePlan): KeptRecord[] =>
  plan.billing.holds.map((h) => ({ recordType: h.recordType, recordId: h.recordId, basis: h.basis, until: h.expiresAt, kind: h.kind ?? HoldKind.FISCAL }));

/** The records of crm, auth or weblog the plan keeps under a hold in force. */
const keptIn = (plan: ErasurePlan, source: "crm" | "auth" | "weblog"): KeptRecord[] =>
  (plan.kept ?? []).filter((k) => k.source === source)
    .map((k) => ({ recordType: k.recordType, recordId: k.recordId, basis: k.basis, until: k.expiresAt, kind: k.kind }));
