import { StoreUnavailableError } from "../../db/store-error";
import type { BillingInventoryRow } from "../../sources/billing/billing.adapter";
import type { CustomerRecord } from "../../sources/crm/crm.adapter";
import { FISCAL_HOLD_BASIS, fiscalRetentionEnd, utcDate } from "../../policy/retention";
import { HoldKind, type CustomerRecords, type HeldRecord, type NewHold } from "../../holds/legal-hold";

export type HeldRecordType = "invoice" | "payment";

export interface PlannedHold {
  recordType: string;
  recordId: string;
  basis: string;
  /** YYYY-MM-DD: the last day of the fiscal retention (31 December of the invoice's year + 7 years), or of the hold that keeps it. */
  expiresAt: string;
  /** Absent for the fiscal hold erasure decides itself; the kind of a hold already in force that keeps the record longer. */
  kind?: HoldKind;
}

/** The plan's holds as the hold register takes them: fiscal holds on billing records. */
export const billingHolds = (holds: readonly PlannedHold[]): NewHold[] =>
  holds.map(({ kind = HoldKind.FISCAL, ...h }) => ({ source: "billing", kind, ...h }));

/**
 * What one erasure will do, decided once, BEFORE anything is deleted: crm holds the customer number, the only
 * key to billing and auth, so after the crm step a fresh plan could no longer find them. Plain JSON (ids, the
 * customer number and dates; no names, no amounts) so it can be stored in a job payload and each source step
 * can be run, retried or resumed from it alone.
 */
export interface ErasurePlan {
  version: 1;
  subjectId: string;
  requestId: string | null;
  /** The UTC date retention was judged on. */
  plannedOn: string;
  customerNumber: string | null;
  crm: { customerIds: string[] };
  /**
   * Counted when planned: the evidence of a step whose own result was lost. `accessLogLines` is absent when
   * weblog was unreachable then (its step records its own count).
   */
  auth: { accountIds: string[]; loginEvents: number };
  weblog: { accountIds: string[]; accessLogLines?: number };
  billing: { paymentMethodIds: string[]; invoiceIds: string[]; paymentIds: string[]; holds: PlannedHold[] };
  /**
   * Records of crm, auth and weblog that a hold in force keeps (a preservation order, Sv 126ni): their steps
   * leave them. Absent in plans stored before such holds existed (nothing kept).
   */
  kept?: KeptElsewhere[];
}

/** A record outside billing kept under a hold already in force (erasure places none there itself). */
export interface KeptElsewhere extends PlannedHold {
  source: "crm" | "auth" | "weblog";
  kind: HoldKind;
}

/** The reads a plan needs (the source adapters and the hold register satisfy them). */
export interface PlanSources {
  crm: { findByIds(ids: readonly string[]): Promise<(CustomerRecord | null)[]> };
  auth: { accountsForErasure(customerNumber: string): Promise<{ id: string; loginEvents: number }[]> };
  weblog: { countByAccounts(accountIds: readonly string[]): Promise<number> };
  billing: { fiscalInventory(customerNumber: string): Promise<BillingInventoryRow[]> };
  holds: {
    /** The customer number kept with earlier holds of the subject (crm may already be erased). */
    customerNumberOf(subjectId: string): Promise<string | null>;
    /** Which of these records a hold keeps at `at` (the hold register's one question). */
    heldAt(at: Date, scope: CustomerRecords): Promise<HeldRecord[]>;
  };
}

/**
 * Reads what exists and decides, per source, what is deleted and what is held. A subject whose crm row is
 * gone is found again through its holds, so a repeated erasure still reports what is kept. Every table's rows
 * are counted here, before anything is deleted: a step whose own answer is lost (the gateway stopped before
 * recording it) is repeated and deletes nothing more, so the plan's counts are the evidence that remains.
 */
export async function planErasure(src: PlanSources, subjectId: string, now: Date, requestId: string | null = null): Promise<ErasurePlan> {
  const [customer] = await src.crm.findByIds([subjectId]);
  const customerNumber = customer?.customerNumber ?? (await src.holds.customerNumberOf(subjectId));
  // Separate stores: asked together; the log lines are counted by account, as soon as auth has named them.
  // A weblog that is down does not stop the erasure (its step waits for it and records its own count).
  const activity = async (number: string) => {
    const accounts = await src.auth.accountsForErasure(number);
    const ids = accounts.map((a) => a.id);
    const lines = ids.length ? await src.weblog.countByAccounts(ids).catch(unlessUnavailable) : 0;
    return { ids, loginEvents: accounts.reduce((n, a) => n + a.loginEvents, 0), lines };
  };
  // Billing's records and which records of any source a hold already keeps are asked together (the hold
  // register is asked by customer: the record ids are not known yet).
  const [{ ids: accountIds, loginEvents, lines }, inventory, held] = customerNumber
    ? await Promise.all([
        activity(customerNumber),
        src.billing.fiscalInventory(customerNumber),
        src.holds.heldAt(now, { customerNumber }),
      ])
    : [{ ids: [], loginEvents: 0, lines: 0 }, [], []];
  const kept = keptElsewhere(held);
  const keptCount = (source: string, recordType: string) => kept.filter((k) => k.source === source && k.recordType === recordType).length;
  return {
    version: 1,
    subjectId,
    requestId,
    plannedOn: utcDate(now),
    customerNumber,
    crm: { customerIds: customer ? [customer.id] : [] },
    auth: { accountIds, loginEvents: loginEvents - keptCount("auth", "login_event") },
    weblog: { accountIds, accessLogLines: lines === undefined ? undefined : lines - keptCount("weblog", "access_log") },
    billing: decideBilling(inventory, utcDate(now), held.filter((h) => h.source === "billing")),
    ...(kept.length ? { kept } : {}),
  };
}

/** Per record outside billing, the hold in force that runs longest. */
function keptElsewhere(held: readonly HeldRecord[]): KeptElsewhere[] {
  const longest = new Map<string, HeldRecord>();
  for (const h of held) {
    if (h.source !== "crm" && h.source !== "auth" && h.source !== "weblog") continue;
    const key = `${h.source}/${h.recordType}/${h.recordId}`;
    const l = longest.get(key);
    if (!l || l.until < h.until) longest.set(key, h);
  }
  return [...longest.values()].map((h) => ({ source: h.source as KeptElsewhere["source"], recordType: h.recordType, recordId: h.recordId,
    basis: h.reason, expiresAt: h.until, kind: h.kind }));
}

/** The ids of one source's records (of one type) the plan keeps under a hold. */
export const keptIds = (plan: ErasurePlan, source: KeptElsewhere["source"], recordType: string): string[] =>
  (plan.kept ?? []).filter((k) => k.source === source && k.recordType === recordType).map((k) => k.recordId);

const unlessUnavailable = (err: unknown): undefined => {
  if (err instanceof StoreUnavailableError) return undefined;
  throw err;
};

/**
 * Invoices whose fiscal retention runs on or after `today` are held, the rest deleted; a payment follows the
 * invoice it settles (an orphan payment is judged by its own date). The date arithmetic is the policy's
 * (`fiscalRetentionEnd`), which the access report states too, so what the report promised and what erasure
 * keeps cannot differ. A record past its fiscal retention that a hold in force still keeps (`held`, from the hold
 * register: any kind) is kept too, under that hold's reason and last day: a hold beats deletion.
 */
export function decideBilling(rows: readonly BillingInventoryRow[], today: string, held: readonly HeldRecord[] = []): ErasurePlan["billing"] {
  const untilOf = (items: { id: string; date: string }[]) => new Map(items.map((i) => [i.id, fiscalRetentionEnd(i.date)]));
  const dated = (type: BillingInventoryRow["recordType"]) =>
    rows.filter((r) => r.recordType === type).map((r) => ({ id: r.id, date: r.date ?? today, invoiceId: r.invoiceId }));
  const invoices = dated("invoice");
  const payments = dated("payment");
  const invoiceUntil = untilOf(invoices);
  const orphanUntil = untilOf(payments.filter((p) => !p.invoiceId || !invoiceUntil.has(p.invoiceId)));

  // Per record, the hold in force that runs longest.
  const holdOf = new Map<string, HeldRecord>();
  for (const h of held) {
    const longest = holdOf.get(h.recordId);
    if (!longest || longest.until < h.until) holdOf.set(h.recordId, h);
  }

  const plan: ErasurePlan["billing"] = { paymentMethodIds: dated("payment_method").map((r) => r.id), invoiceIds: [], paymentIds: [], holds: [] };
  const decide = (recordType: HeldRecordType, id: string, until: string) => {
    const hold = holdOf.get(id);
    if (until >= today) plan.holds.push({ recordType, recordId: id, basis: FISCAL_HOLD_BASIS, expiresAt: until });
    else if (hold) plan.holds.push({ recordType, recordId: id, basis: hold.reason, expiresAt: hold.until, kind: hold.kind });
    else (recordType === "invoice" ? plan.invoiceIds : plan.paymentIds).push(id);
  };
  for (const i of invoices) decide("invoice", i.id, invoiceUntil.get(i.id)!);
  for (const p of payments) decide("payment", p.id, (p.invoiceId && invoiceUntil.get(p.invoiceId)) || orphanUntil.get(p.id)!);
  return plan;
}
