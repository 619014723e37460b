import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** billing.invoice — issued invoices; never edited in place once issued. */
@Entity({ schema: "billing", name: "invoice" })
@Index("invoice_customer_idx", ["customerNumber", "invoiceDate"])
export class InvoiceEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "invoice_number", type: "text", unique: true }) invoiceNumber: string;
  @Column({ name: "customer_number", type: "text" }) customerNumber: string;
  @Column({ name: "invoice_date", type: "date" }) invoiceDate: string;
  @Column({ name: "due_date", type: "date" }) dueDate: string;
  @Column({ name: "billing_name", type: "text" }) billingName: string;
  @Column({ name: "billing_street", type: "text" }) billingStreet: string;
  @Column({ name: "billing_postal_code", type: "text" }) billingPostalCode: string;
  @Column({ name: "billing_city", type: "text" }) billingCity: string;
  @Column({ name: "billing_country", type: "char", length: 2 }) billingCountry: string;
  @Column({ name: "amount_excl_vat", type: "numeric", precision: 12, scale: 2 }) amountExclVat: string;
  @Column({ name: "vat_rate", type: "numeric", precision: 5, scale: 2 }) vatRate: string;
  @Column({ name: "vat_amount", type: "numeric", precision: 12, scale: 2 }) vatAmount: string;
  @Column({ name: "amount_incl_vat", type: "numeric", precision: 12, scale: 2 }) amountInclVat: string;
  @Column({ type: "char", length: 3, default: "EUR" }) currency: string;
  @Column({ type: "text" }) status: string;
}
