import type { DataSource } from "typeorm";
import { SourceReader } from "../source-reader";
import { groupBy } from "../../common/group-by";

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

/** The billing service: invoices, payments and payment methods, linked by customer number. */
export class BillingAdapter {
  private readonly sql: SourceReader;

  constructor(ds: DataSource) {
    this.sql = new SourceReader("billing", ds);
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
}
