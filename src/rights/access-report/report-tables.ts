import type { CustomerRecord } from "../../sources/crm/crm.adapter";
import type { InvoiceRecord, PaymentMethodRecord, PaymentRecord } from "../../sources/billing/billing.adapter";
import type { AccountRecord, LoginEventRecord } from "../../sources/auth/auth.adapter";
import type { AccessLogRecord } from "../../sources/weblog/weblog.adapter";
import type { RightsRequest } from "../requests/rights-request";

/** A rights request as reported: the refusal's reasons joined into one text ("; "). */
export type ReportedRequest = Omit<RightsRequest, "rejectionReasons"> & { rejectionReasons: string | null };

/** A value in the report: JSON scalars only (timestamps are ISO 8601 strings, amounts decimal strings). */
export type ReportValue = string | number | boolean | null;
export type ReportRow = Record<string, ReportValue>;

/** The columns of `T` to report, checked against the record type at compile time. */
const columnsOf =
  <T>() =>
  <K extends keyof T & string>(...keys: K[]): readonly K[] =>
    keys;

/**
 * The source tables of the access report: one entry per table, with the columns it shows and the CSV file
 * it becomes. The column lists are an allow-list: the JSON document and the CSV files carry exactly these
 * fields, so a column added to an adapter's SELECT (or a secret such as `password_hash` or `card_token`)
 * never reaches a report by accident.
 */
export const REPORT_TABLES = {
  customer: {
    source: "crm",
    file: "customer.csv",
    columns: columnsOf<CustomerRecord>()(
      "id", "customerNumber", "firstName", "lastName", "street", "houseNumber", "postalCode", "city", "country",
      "gender", "phone", "email", "notes", "contractStart", "contractEnd",
    ),
  },
  invoices: {
    source: "billing",
    file: "invoices.csv",
    columns: columnsOf<InvoiceRecord>()(
      "id", "invoiceNumber", "customerNumber", "invoiceDate", "dueDate", "billingName", "billingStreet",
      "billingPostalCode", "billingCity", "billingCountry", "amountExclVat", "vatRate", "vatAmount", "amountInclVat",
      "currency", "status",
    ),
  },
  payments: {
    source: "billing",
    file: "payments.csv",
    columns: columnsOf<PaymentRecord>()("id", "invoiceId", "customerNumber", "paidAt", "amount", "method", "reference"),
  },
  paymentMethods: {
    source: "billing",
    file: "payment_methods.csv",
    columns: columnsOf<PaymentMethodRecord>()(
      "id", "customerNumber", "kind", "iban", "cardLast4", "cardBrand", "holderName", "active", "createdAt",
    ),
  },
  account: {
    source: "auth",
    file: "account.csv",
    columns: columnsOf<AccountRecord>()("id", "customerNumber", "username", "mfaEnabled", "createdAt", "lastLoginAt"),
  },
  loginEvents: {
    source: "auth",
    file: "login_events.csv",
    columns: columnsOf<LoginEventRecord>()("id", "accountId", "occurredAt", "ip", "success", "userAgent"),
  },
  accessLog: {
    source: "weblog",
    file: "access_log.csv",
    columns: columnsOf<AccessLogRecord>()("id", "accountId", "occurredAt", "ip", "method", "path", "status", "userAgent"),
  },
  /** The gateway's own: the subject's rights requests (who handled them is staff data, so the role only). */
  rightsRequests: {
    source: "privacy",
    file: "rights_requests.csv",
    columns: columnsOf<ReportedRequest>()(
      "id", "type", "channel", "status", "receivedAt", "dueAt", "verificationMethod", "verifiedAt", "handlerRole",
      "notes", "outcome", "outcomeText", "rejectionReasons", "completedAt",
    ),
  },
  /**
   * The gateway's own: disclosures of the subject's data to police or justice the subject may learn of
   * (art. 15(1)(c)): to whom, under which article, which categories, when. Never one under a confidentiality
   * order in force (Sv 126bb, UAVG art. 41): such a disclosure has no row, no count and no hint.
   */
  disclosures: {
    source: "privacy",
    file: "disclosures.csv",
    columns: columnsOf<ReportedDisclosure>()("recipient", "legalBasis", "categories", "firstDisclosedAt", "lastDisclosedAt"),
  },
} as const;

/** A disclosure as reported: the authority as recipient, the article in words, the categories joined by "; ". */
export interface ReportedDisclosure {
  recipient: string;
  legalBasis: string;
  categories: string;
  firstDisclosedAt: Date;
  lastDisclosedAt: Date;
}

export type ReportTable = keyof typeof REPORT_TABLES;

/** A JSON-safe copy of `value`: Dates become ISO strings; anything that is not a scalar becomes null. */
export function reportValue(value: unknown): ReportValue {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

/** The allow-listed columns of one record, in table order. */
export function pickColumns<T extends object>(record: T, columns: readonly (keyof T & string)[]): ReportRow {
  const row: ReportRow = {};
  for (const c of columns) row[c] = reportValue(record[c]);
  return row;
}
