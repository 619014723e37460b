import type { PurposeView } from "../access/purpose-view";
import type { DataCategory } from "../policy/categories";
import type { HeldRecord } from "../holds/legal-hold";
import type { LegalHoldRepository } from "../holds/legal-hold.repository";
import type { Sources } from "../sources/sources";
import type { DemandRecordSet } from "./disclosure-document";

/** Makes the view of an approved demand (the request's enforcer does). */
export interface DemandViews {
  forDemand(categories: readonly DataCategory[]): PurposeView;
}

export interface DemandScope {
  subjectId: string;
  /** Inclusive; null for a demand without a time range (identifying data only). */
  range: { from: Date; to: Date } | null;
}

const NONE = Promise.resolve([]);

/**
 * The records of a demand's subject that its view can show, read from the sources by customer number and
 * limited to the demand's time range (dated records: login events and log lines by moment, invoices by their
 * day, payments by payment time, payment methods by creation). A source whose records the view does not show
 * is not asked. Records an erasure kept under a hold (the account they hang on may be gone) are found through
 * the hold register, so a preserved log can still be produced on a later demand.
 */
export class DemandRecords {
  constructor(
    private readonly sources: Sources,
    private readonly holds: Pick<LegalHoldRepository, "heldAt" | "customerNumberOf">,
  ) {}

  async read(view: PurposeView, scope: DemandScope, now: Date): Promise<DemandRecordSet> {
    const { crm, auth, weblog, billing } = this.sources;
    const [customer] = await crm.findByIds([scope.subjectId]);
    const customerNumber = customer?.customerNumber ?? (await this.holds.customerNumberOf(scope.subjectId));
    const empty: DemandRecordSet = { customerNumber, customer, account: null, loginEvents: [], accessLog: [], invoices: [], payments: [], paymentMethods: [] };
    if (!customerNumber) return empty;
    const cn = [customerNumber];
    const shows = (type: string) => view.showsAny(type);
    const activity = shows("LoginEvent") || shows("IpLogEntry");
    const [[account], [invoices], [payments], [methods], held] = await Promise.all([
      shows("Account") || activity ? auth.accountsByCustomer(cn) : [null],
      shows("Invoice") ? billing.invoicesByCustomer(cn) : [[]],
      shows("Payment") ? billing.paymentsByCustomer(cn) : [[]],
      shows("PaymentMethod") ? billing.paymentMethodsByCustomer(cn) : [[]],
      activity ? this.holds.heldAt(now, { customerNumber }) : ([] as HeldRecord[]),
    ]);
    const heldIds = (source: string) => held.filter((h) => h.source === source).map((h) => h.recordId);
    const [events, heldEvents, lines, heldLines] = await Promise.all([
      account && shows("LoginEvent") ? auth.allLoginEvents(account.id) : NONE,
      shows("LoginEvent") ? auth.loginEventsByIds(heldIds("auth")) : NONE,
      account && shows("IpLogEntry") ? weblog.allByAccount(account.id) : NONE,
      shows("IpLogEntry") ? weblog.byIds(heldIds("weblog")) : NONE,
    ]);
    const inRange = (t: Date) => !scope.range || (t >= scope.range.from && t <= scope.range.to);
    const dayInRange = (day: string) => !scope.range || (day >= isoDay(scope.range.from) && day <= isoDay(scope.range.to));
    return {
      customerNumber,
      customer,
      account: shows("Account") ? account : null,
      loginEvents: byId([...events, ...heldEvents]).filter((e) => inRange(e.occurredAt)),
      accessLog: byId([...lines, ...heldLines]).filter((l) => inRange(l.occurredAt)),
      invoices: invoices.filter((i) => dayInRange(i.invoiceDate)),
      payments: payments.filter((p) => inRange(p.paidAt)),
      paymentMethods: methods.filter((m) => inRange(m.createdAt)),
    };
  }
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Each record once (read by account and again as held), newest first. */
function byId<T extends { id: string; occurredAt: Date }>(rows: T[]): T[] {
  const seen = new Map(rows.map((r) => [r.id, r]));
  return [...seen.values()].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
}
