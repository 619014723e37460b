import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** billing.payment — money received against an invoice. */
@Entity({ schema: "billing", name: "payment" })
@Index("payment_customer_idx", ["customerNumber", "paidAt"])
export class PaymentEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "invoice_id", type: "uuid" }) invoiceId: string;
  @Column({ name: "customer_number", type: "text" }) customerNumber: string;
  @Column({ name: "paid_at", type: "timestamptz" }) paidAt: Date;
  @Column({ type: "numeric", precision: 12, scale: 2 }) amount: string;
  @Column({ type: "text" }) method: string;
  @Column({ type: "text" }) reference: string;
}
