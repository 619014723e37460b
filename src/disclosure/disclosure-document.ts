import type { PurposeView } from "../access/purpose-view";
import type { AccountRecord, LoginEventRecord } from "../sources/auth/auth.adapter";
import type { InvoiceRecord, PaymentMethodRecord, PaymentRecord } from "../sources/billing/billing.adapter";
import type { CustomerRecord } from "../sources/crm/crm.adapter";
import type { AccessLogRecord } from "../sources/weblog/weblog.adapter";

/**
 * What is disclosed to police or justice on an approved demand, as a versioned JSON document (SPEC §7). Change
 * `DISCLOSURE_FORMAT_VERSION` whenever a field is renamed, removed or changes meaning. Its SHA-256 over the
 * RFC 8785 canonical text is what the manifest keeps and `verifyDisclosure` compares; the document itself is
 * not stored.
 */
export const DISCLOSURE_FORMAT_VERSION = "1";

export type DisclosedValue = string | number | boolean | null;
export type DisclosedRecord = Record<string, DisclosedValue>;

/** The subject's records a demand may reach, as the sources hold them (already limited to the demand's range). */
export interface DemandRecordSet {
  /** The subject's customer number (from crm, or from its holds once crm is erased); null when none is known. */
  customerNumber: string | null;
  customer: CustomerRecord | null;
  account: AccountRecord | null;
  loginEvents: LoginEventRecord[];
  accessLog: AccessLogRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  paymentMethods: PaymentMethodRecord[];
}

export interface DisclosureDocument {
  formatVersion: typeof DISCLOSURE_FORMAT_VERSION;
  demand: { id: string; basis: string; caseReference: string; authority: string; categories: string[]; from: string | null; to: string | null };
  /** ISO 8601: when it was executed (a 126ne window still open holds what existed until then). */
  executedAt: string;
  /** Per source table, the records with exactly the fields the approved categories cover; absent tables are not covered. */
  sources: {
    crm?: { customer: DisclosedRecord | null };
    auth?: { account?: DisclosedRecord | null; loginEvents?: DisclosedRecord[] };
    weblog?: { accessLog: DisclosedRecord[] };
    billing?: { invoices?: DisclosedRecord[]; payments?: DisclosedRecord[]; paymentMethods?: DisclosedRecord[] };
  };
}

/** What the manifest records instead of a copy: which fields, and which records of which source table. */
export interface DisclosureContents {
  fields: string[];
  recordIds: Record<string, Record<string, string[]>>;
}

const plain = (v: unknown): DisclosedValue =>
  v instanceof Date ? v.toISOString() : v === undefined ? null : (v as DisclosedValue);

/**
 * The document's tables (`sources`) and what the manifest keeps of them, assembled through the demand's view: the same projection every purpose's
 * subject query goes through, so a field is disclosed only when the view shows it (the approved categories)
 * and a table only when the view shows a personal field of its type. Record ids go to the manifest.
 */
export function assembleDisclosure(view: PurposeView, records: DemandRecordSet): {
  sources: DisclosureDocument["sources"];
  contents: DisclosureContents;
} {
  const fields = new Set<string>();
  const recordIds: DisclosureContents["recordIds"] = {};
  const show = (types: readonly string[], source: string, table: string, list: readonly object[]): DisclosedRecord[] | undefined => {
    const shown = types.filter((t) => view.showsAny(t));
    if (shown.length === 0) return undefined;
    const ids = ((recordIds[source] ??= {})[table] ??= []);
    return list.map((r) => {
      ids.push((r as { id: string }).id);
      const row: DisclosedRecord = {};
      for (const type of shown) {
        const projected = view.project(type, type === "Address" ? addressOf(r as CustomerRecord) : r);
        for (const n of view.shownFields(type)) {
          fields.add(`${type}.${n}`);
          row[n] = plain(projected[n]);
        }
      }
      return row;
    });
  };
  const one = (types: readonly string[], source: string, table: string, r: object | null) => {
    const rows = show(types, source, table, r ? [r] : []);
    return rows && (rows[0] ?? null);
  };

  const sources: DisclosureDocument["sources"] = {};
  const customer = one(["Subject", "Address"], "crm", "customer", records.customer);
  if (customer !== undefined) sources.crm = { customer };
  const account = one(["Account"], "auth", "account", records.account);
  const loginEvents = show(["LoginEvent"], "auth", "login_event", records.loginEvents);
  if (account !== undefined || loginEvents) sources.auth = { account, loginEvents };
  const accessLog = show(["IpLogEntry"], "weblog", "access_log", records.accessLog);
  if (accessLog) sources.weblog = { accessLog };
  const invoices = show(["Invoice"], "billing", "invoice", records.invoices);
  const payments = show(["Payment"], "billing", "payment", records.payments);
  const paymentMethods = show(["PaymentMethod"], "billing", "payment_method", records.paymentMethods);
  if (invoices || payments || paymentMethods) sources.billing = { invoices, payments, paymentMethods };

  for (const tables of Object.values(recordIds)) for (const t of Object.keys(tables)) tables[t] = [...new Set(tables[t])].sort();
  return {
    // Through JSON once: tables the view does not show (undefined) are left out, as in the canonical text.
    sources: JSON.parse(JSON.stringify(sources)) as DisclosureDocument["sources"],
    contents: { fields: [...fields].sort(), recordIds },
  };
}

const addressOf = (c: CustomerRecord) =>
  ({ street: c.street, houseNumber: c.houseNumber, postalCode: c.postalCode, city: c.city, country: c.country });
