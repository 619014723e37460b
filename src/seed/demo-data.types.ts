/**
 * Plain row objects, one interface per table, shaped like the DDL (snake_case columns become camelCase).
 * Dates are 'YYYY-MM-DD', timestamps ISO-8601 UTC strings and money decimal strings ("123.45"): exact,
 * engine-independent values that serialise identically every run.
 */
import type { CustomerRecord } from "../sources/crm/crm.adapter";
import type { InvoiceRecord } from "../sources/billing/billing.adapter";

export type Gender = "F" | "M" | "X";
export type InvoiceStatus = "PAID" | "OPEN" | "OVERDUE" | "CREDITED";
export type PaymentMethodKind = "IBAN" | "CARD";

/** A crm row: what the CRM adapter reads, plus the bookkeeping timestamps. */
export type CustomerRow = Omit<CustomerRecord, "gender"> & { gender: Gender | null; createdAt: string; updatedAt: string };

export type InvoiceRow = Omit<InvoiceRecord, "status"> & { status: InvoiceStatus };

export interface PaymentRow {
  id: string;
  invoiceId: string;
  customerNumber: string;
  paidAt: string;
  amount: string;
  method: "IDEAL" | "SEPA_DD" | "CARD" | "BANK_TRANSFER";
  reference: string;
}

export interface PaymentMethodRow {
  id: string;
  customerNumber: string;
  kind: PaymentMethodKind;
  iban: string | null;
  cardToken: string | null;
  cardLast4: string | null;
  cardBrand: "VISA" | "MASTERCARD" | null;
  holderName: string;
  active: boolean;
  createdAt: string;
}

export interface AccountRow {
  id: string;
  customerNumber: string;
  username: string;
  passwordHash: string;
  mfaEnabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface LoginEventRow {
  id: string;
  accountId: string;
  occurredAt: string;
  ip: string;
  success: boolean;
  userAgent: string;
}

export interface AccessLogRow {
  id: string;
  occurredAt: string;
  ip: string;
  method: string;
  path: string;
  status: number;
  userAgent: string;
  accountId: string | null;
}

export interface DemoData {
  customers: CustomerRow[];
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  paymentMethods: PaymentMethodRow[];
  accounts: AccountRow[];
  loginEvents: LoginEventRow[];
  accessLogs: AccessLogRow[];
}

/** What the generators share: the seeded PRNG's output is only a function of these. */
export interface GenerateOptions {
  seed: number;
  subjects: number;
  now: Date;
}
