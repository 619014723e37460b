/**
 * Plain row objects, one interface per table, shaped like the DDL (snake_case columns become camelCase).
 * Dates are 'YYYY-MM-DD', timestamps ISO-8601 UTC strings and money decimal strings ("123.45"): exact,
 * engine-independent values that serialise identically every run.
 */
export type Gender = "F" | "M" | "X";
export type InvoiceStatus = "PAID" | "OPEN" | "OVERDUE" | "CREDITED";
export type PaymentMethodKind = "IBAN" | "CARD";

export interface CustomerRow {
  id: string;
  customerNumber: string;
  firstName: string;
  lastName: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  country: string;
  gender: Gender | null;
  phone: string;
  email: string;
  notes: string | null;
  contractStart: string;
  contractEnd: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceRow {
  id: string;
  invoiceNumber: string;
  customerNumber: string;
  invoiceDate: string;
  dueDate: string;
  billingName: string;
  billingStreet: string;
  billingPostalCode: string;
  billingCity: string;
  billingCountry: string;
  amountExclVat: string;
  vatRate: string;
  vatAmount: string;
  amountInclVat: string;
  currency: string;
  status: InvoiceStatus;
}

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
