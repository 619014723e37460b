import type { StoreName } from "../config/config";
import { insertRows, type Queryable, type TableSpec } from "./bulk-insert";
import type {
  AccessLogRow,
  AccountRow,
  CustomerRow,
  DemoData,
  InvoiceRow,
  LoginEventRow,
  PaymentMethodRow,
  PaymentRow,
} from "./demo-data.types";

/** Column mappings from row objects to the source tables (see migrations/* for the DDL). */
const customer: TableSpec<CustomerRow> = {
  table: "crm.customer",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["customer_number", "text", (r) => r.customerNumber],
    ["first_name", "text", (r) => r.firstName],
    ["last_name", "text", (r) => r.lastName],
    ["street", "text", (r) => r.street],
    ["house_number", "text", (r) => r.houseNumber],
    ["postal_code", "text", (r) => r.postalCode],
    ["city", "text", (r) => r.city],
    ["country", "text", (r) => r.country],
    ["gender", "text", (r) => r.gender],
    ["phone", "text", (r) => r.phone],
    ["email", "text", (r) => r.email],
    ["notes", "text", (r) => r.notes],
    ["contract_start", "date", (r) => r.contractStart],
    ["contract_end", "date", (r) => r.contractEnd],
    ["created_at", "timestamptz", (r) => r.createdAt],
    ["updated_at", "timestamptz", (r) => r.updatedAt],
  ],
};

const invoice: TableSpec<InvoiceRow> = {
  table: "billing.invoice",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["invoice_number", "text", (r) => r.invoiceNumber],
    ["customer_number", "text", (r) => r.customerNumber],
    ["invoice_date", "date", (r) => r.invoiceDate],
    ["due_date", "date", (r) => r.dueDate],
    ["billing_name", "text", (r) => r.billingName],
    ["billing_street", "text", (r) => r.billingStreet],
    ["billing_postal_code", "text", (r) => r.billingPostalCode],
    ["billing_city", "text", (r) => r.billingCity],
    ["billing_country", "text", (r) => r.billingCountry],
    ["amount_excl_vat", "numeric", (r) => r.amountExclVat],
    ["vat_rate", "numeric", (r) => r.vatRate],
    ["vat_amount", "numeric", (r) => r.vatAmount],
    ["amount_incl_vat", "numeric", (r) => r.amountInclVat],
    ["currency", "text", (r) => r.currency],
    ["status", "text", (r) => r.status],
  ],
};

const payment: TableSpec<PaymentRow> = {
  table: "billing.payment",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["invoice_id", "uuid", (r) => r.invoiceId],
    ["customer_number", "text", (r) => r.customerNumber],
    ["paid_at", "timestamptz", (r) => r.paidAt],
    ["amount", "numeric", (r) => r.amount],
    ["method", "text", (r) => r.method],
    ["reference", "text", (r) => r.reference],
  ],
};

const paymentMethod: TableSpec<PaymentMethodRow> = {
  table: "billing.payment_method",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["customer_number", "text", (r) => r.customerNumber],
    ["kind", "text", (r) => r.kind],
    ["iban", "text", (r) => r.iban],
    ["card_token", "text", (r) => r.cardToken],
    ["card_last4", "text", (r) => r.cardLast4],
    ["card_brand", "text", (r) => r.cardBrand],
    ["holder_name", "text", (r) => r.holderName],
    ["active", "boolean", (r) => r.active],
    ["created_at", "timestamptz", (r) => r.createdAt],
  ],
};

const account: TableSpec<AccountRow> = {
  table: "auth.account",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["customer_number", "text", (r) => r.customerNumber],
    ["username", "text", (r) => r.username],
    ["password_hash", "text", (r) => r.passwordHash],
    ["mfa_enabled", "boolean", (r) => r.mfaEnabled],
    ["created_at", "timestamptz", (r) => r.createdAt],
    ["last_login_at", "timestamptz", (r) => r.lastLoginAt],
  ],
};

const loginEvent: TableSpec<LoginEventRow> = {
  table: "auth.login_event",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["account_id", "uuid", (r) => r.accountId],
    ["occurred_at", "timestamptz", (r) => r.occurredAt],
    ["ip", "inet", (r) => r.ip],
    ["success", "boolean", (r) => r.success],
    ["user_agent", "text", (r) => r.userAgent],
  ],
};

const accessLog: TableSpec<AccessLogRow> = {
  table: "weblog.access_log",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["occurred_at", "timestamptz", (r) => r.occurredAt],
    ["ip", "inet", (r) => r.ip],
    ["method", "text", (r) => r.method],
    ["path", "text", (r) => r.path],
    ["status", "int4", (r) => r.status],
    ["user_agent", "text", (r) => r.userAgent],
    ["account_id", "uuid", (r) => r.accountId],
  ],
};

/** One table and how to write its share of the demo data; the row type stays inside the closure. */
export interface TableLoad {
  table: string;
  insert(db: Queryable, data: DemoData): Promise<number>;
}

const load = <R>(spec: TableSpec<R>, rows: (data: DemoData) => readonly R[]): TableLoad => ({
  table: spec.table,
  insert: (db, data) => insertRows(db, spec, rows(data)),
});

/**
 * The source tables per store, in insert order. Each store may be a separate database, so each is written
 * in its own transaction; nothing here joins or references across stores in SQL.
 */
export const SOURCE_TABLES: ReadonlyArray<{ store: Exclude<StoreName, "privacy">; tables: TableLoad[] }> = [
  { store: "crm", tables: [load(customer, (d) => d.customers)] },
  {
    store: "billing",
    tables: [load(invoice, (d) => d.invoices), load(payment, (d) => d.payments), load(paymentMethod, (d) => d.paymentMethods)],
  },
  { store: "auth", tables: [load(account, (d) => d.accounts), load(loginEvent, (d) => d.loginEvents)] },
  { store: "weblog", tables: [load(accessLog, (d) => d.accessLogs)] },
];
