import { fiscal, ruleById, utcDate } from "../access-report/report-retention";
import { SourceUnavailableError } from "../../db/store-error";
import type { BillingInventoryRow } from "../../sources/billing/billing.adapter";
import type { CustomerRecord } from "../../sources/crm/crm.adapter";

import { FISCAL_HOLD_BASIS } from "../../policy/retention";

export { FISCAL_HOLD_BASIS };

export type HeldRecordType = "invoice" | "payment";

export interface PlannedHold {
  recordType: HeldRecordType;
  recordId: string;
  basis: string;
  /** YYYY-MM-DD: the last day of the fiscal retention (31 December of the invoice's year + 7 years). */
  expiresAt: string;
}

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
  /** `loginEvents` / `accessLogLines`: counted when planned (absent in plans made before they were counted). */
  auth: { accountIds: string[]; loginEvents?: number };
  weblog: { accountIds: string[]; accessLogLines?: number };
  billing: { paymentMethodIds: string[]; invoiceIds: string[]; paymentIds: string[]; holds: PlannedHold[] };
}

/** The reads a plan needs (the source adapters and the hold register satisfy them). */
export interface PlanSources {
  crm: { findByIds(ids: readonly string[]): Promise<(CustomerRecord | null)[]> };
  auth: { accountsForErasure(customerNumber: string): Promise<{ id: string; loginEvents: number }[]> };
  weblog: { countByAccounts(accountIds: readonly string[]): Promise<number> };
  billing: { fiscalInventory(customerNumber: string): Promise<BillingInventoryRow[]> };
  /** The customer number kept with earlier holds of the subject (crm may already be erased). */
  holds: { customerNumberOf(subjectId: string): Promise<string | null> };
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
  const [{ ids: accountIds, loginEvents, lines }, inventory] = customerNumber
    ? await Promise.all([activity(customerNumber), src.billing.fiscalInventory(customerNumber)])
    : [{ ids: [], loginEvents: 0, lines: 0 }, []];
  return {
    version: 1,
    subjectId,
    requestId,
    plannedOn: utcDate(now),
    customerNumber,
    crm: { customerIds: customer ? [customer.id] : [] },
    auth: { accountIds, loginEvents },
    weblog: { accountIds, accessLogLines: lines },
    billing: decideBilling(inventory, utcDate(now)),
  };
}

const unlessUnavailable = (err: unknown): undefined => {
  if (err instanceof SourceUnavailableError) return undefined;
  throw err;
};

/**
 * Invoices whose fiscal retention runs on or after `today` are held, the rest deleted; a payment follows the
 * invoice it settles (an orphan payment is judged by its own date). The date arithmetic is the access
 * report's own (`fiscal`), so what the report promised and what erasure keeps cannot differ.
 */
export function decideBilling(rows: readonly BillingInventoryRow[], today: string): ErasurePlan["billing"] {
  const rule = ruleById("fiscal");
  const untilOf = (items: { id: string; date: string }[]) =>
    new Map((fiscal(rule, items.map((i) => ({ invoiceNumber: i.id, invoiceDate: i.date })), 0).perInvoice ?? []).map((p) => [p.invoiceNumber, p.until]));
  const dated = (type: BillingInventoryRow["recordType"]) =>
    rows.filter((r) => r.recordType === type).map((r) => ({ id: r.id, date: r.date ?? today, invoiceId: r.invoiceId }));
  const invoices = dated("invoice");
  const payments = dated("payment");
  const invoiceUntil = untilOf(invoices);
  const orphanUntil = untilOf(payments.filter((p) => !p.invoiceId || !invoiceUntil.has(p.invoiceId)));

  const plan: ErasurePlan["billing"] = { paymentMethodIds: dated("payment_method").map((r) => r.id), invoiceIds: [], paymentIds: [], holds: [] };
  const decide = (recordType: HeldRecordType, id: string, until: string) => {
    if (until >= today) plan.holds.push({ recordType, recordId: id, basis: FISCAL_HOLD_BASIS, expiresAt: until });
    else (recordType === "invoice" ? plan.invoiceIds : plan.paymentIds).push(id);
  };
  for (const i of invoices) decide("invoice", i.id, invoiceUntil.get(i.id)!);
  for (const p of payments) decide("payment", p.id, (p.invoiceId && invoiceUntil.get(p.invoiceId)) || orphanUntil.get(p.id)!);
  return plan;
}
