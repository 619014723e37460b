import type { DataSource } from "typeorm";
import { StoreStatements } from "../../db/store-statements";
import { groupBy } from "../../common/group-by";
import { ExpiringRows, expirySql, isoDay } from "../../db/expiry-sql";

export interface InvoiceRecord {
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
  status: string;
}

export interface PaymentRecord {
  id: string;
  invoiceId: string;
  customerNumber: string;
  paidAt: Date;
  amount: string;
  method: string;
  reference: string;
}

export interface PaymentMethodRecord {
  id: string;
  customerNumber: string;
  kind: string;
  iban: string | null;
  cardLast4: string | null;
  cardBrand: string | null;
  holderName: string;
  active: boolean;
  createdAt: Date;
}

export const INVOICE_SQL = `SELECT id, invoice_number AS "invoiceNumber", customer_number AS "customerNumber",
  invoice_date AS "invoiceDate", due_date AS "dueDate", billing_name AS "billingName",
  billing_street AS "billingStreet", billing_postal_code AS "billingPostalCode", billing_city AS "billingCity",
  billing_country AS "billingCountry", amount_excl_vat AS "amountExclVat", vat_rate AS "vatRate",
  vat_amount AS "vatAmount", amount_incl_vat AS "amountInclVat", currency, status
  FROM billing.invoice WHERE customer_number = ANY($1::text[]) ORDER BY invoice_date DESC, id`;

export const PAYMENT_SQL = `SELECT id, invoice_id AS "invoiceId", customer_number AS "customerNumber",
  paid_at AS "paidAt", amount, method, reference
  FROM billing.payment WHERE customer_number = ANY($1::text[]) ORDER BY paid_at DESC, id`;

/** card_token is a processor secret: selected by nobody. */
export const PAYMENT_METHOD_SQL = `SELECT id, customer_number AS "customerNumber", kind, iban,
  card_last4 AS "cardLast4", card_brand AS "cardBrand", holder_name AS "holderName", active,
  created_at AS "createdAt"
  FROM billing.payment_method WHERE customer_number = ANY($1::text[]) ORDER BY created_at DESC, id`;

/** Fiscal retention: an invoice dated before the cut-off day (exported for the benchmark baseline). */
export const INVOICE_EXPIRY = expirySql("billing.invoice", "t.invoice_date < $1::date");
/**
 * A payment follows the invoice it settles (as erasure judges it); one whose invoice is gone is judged by the UTC
 * day it was paid. Payments are deleted before their invoices, so the rule reads the same before and after.
 */
export const PAYMENT_EXPIRY = expirySql("billing.payment", `(EXISTS (SELECT 1 FROM billing.invoice i WHERE i.id = t.invoice_id AND i.invoice_date < $1::date)
  OR (NOT EXISTS (SELECT 1 FROM billing.invoice i WHERE i.id = t.invoice_id) AND t.paid_at < ($1::date::timestamp AT TIME ZONE 'UTC')))`);

/** The billing service: invoices, payments and payment methods, linked by customer number. */
export class BillingAdapter {
  private readonly sql: StoreStatements;
  /** Invoices and payments past fiscal retention on the cut-off day, for the retention run (payments first). */
  readonly expiredInvoices: ExpiringRows;
  readonly expiredPayments: ExpiringRows;

  constructor(ds: DataSource) {
    this.sql = new StoreStatements("billing", ds);
    this.expiredInvoices = new ExpiringRows(this.sql, INVOICE_EXPIRY, isoDay);
    this.expiredPayments = new ExpiringRows(this.sql, PAYMENT_EXPIRY, isoDay);
  }

  invoicesByCustomer(customerNumbers: readonly string[]): Promise<InvoiceRecord[][]> {
    return this.grouped<InvoiceRecord>(INVOICE_SQL, customerNumbers);
  }

  paymentsByCustomer(customerNumbers: readonly string[]): Promise<PaymentRecord[][]> {
    return this.grouped<PaymentRecord>(PAYMENT_SQL, customerNumbers);
  }

  paymentMethodsByCustomer(customerNumbers: readonly string[]): Promise<PaymentMethodRecord[][]> {
    return this.grouped<PaymentMethodRecord>(PAYMENT_METHOD_SQL, customerNumbers);
  }

  private async grouped<R extends { customerNumber: string }>(sql: string, keys: readonly string[]) {
    const rows = await this.sql.rows<R>(sql, [keys]);
    return groupBy(keys, rows, (r) => r.customerNumber);
  }

  /** What erasure must decide on: ids and dates only (no amounts, names or addresses), one statement. */
  fiscalInventory(customerNumber: string): Promise<BillingInventoryRow[]> {
    return this.sql.rows<BillingInventoryRow>(BILLING_INVENTORY_SQL, [customerNumber]);
  }

  /**
   * Erasure (art. 17): the customer's payment methods, and the invoices and payments named in `erase`.
   * One statement, hence one transaction. Rows in `keep` (held) are excluded by the statement itself, so a
   * wrong plan can never delete a held record; a row of another customer is never matched either.
   * Repeating it deletes nothing more.
   */
  async eraseCustomerRecords(customerNumber: string, erase: BillingIds, keep: BillingIds): Promise<BillingErased> {
    const params = [customerNumber, erase.invoiceIds, erase.paymentIds, keep.invoiceIds, keep.paymentIds];
    const [row] = await this.sql.rows<BillingErased>(ERASE_BILLING_SQL, params);
    return row;
  }
}

export interface BillingInventoryRow {
  recordType: "invoice" | "payment" | "payment_method";
  id: string;
  /** invoice: the invoice date; payment: the UTC date paid; payment method: null. */
  date: string | null;
  /** payment: the invoice it settles. */
  invoiceId: string | null;
}

export interface BillingIds {
  invoiceIds: readonly string[];
  paymentIds: readonly string[];
}

export interface BillingErased {
  payment_method: number;
  payment: number;
  invoice: number;
}

export const BILLING_INVENTORY_SQL = `
  SELECT 'invoice' AS "recordType", id, to_char(invoice_date, 'YYYY-MM-DD') AS date, NULL::uuid AS "invoiceId"
    FROM billing.invoice WHERE customer_number = $1
  UNION ALL
  SELECT 'payment', id, to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), invoice_id
    FROM billing.payment WHERE customer_number = $1
  UNION ALL
  SELECT 'payment_method', id, NULL, NULL FROM billing.payment_method WHERE customer_number = $1
  ORDER BY 1, 2`;

// A payment goes with its invoice: also matched by invoice id, so a payment booked after planning is not left.
export const ERASE_BILLING_SQL = `WITH
  pm AS (DELETE FROM billing.payment_method WHERE customer_number = $1 RETURNING 1),
  p AS (DELETE FROM billing.payment WHERE customer_number = $1
    AND (id = ANY($3::uuid[]) OR invoice_id = ANY($2::uuid[]))
    AND id <> ALL($5::uuid[]) AND invoice_id <> ALL($4::uuid[]) RETURNING 1),
  i AS (DELETE FROM billing.invoice WHERE customer_number = $1
    AND id = ANY($2::uuid[]) AND id <> ALL($4::uuid[]) RETURNING 1)
  SELECT (SELECT count(*) FROM pm)::int AS payment_method, (SELECT count(*) FROM p)::int AS payment,
    (SELECT count(*) FROM i)::int AS invoice`;
