import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** billing.payment_method — a stored IBAN mandate or a tokenised card (never a full card number). */
@Entity({ schema: "billing", name: "payment_method" })
@Index("payment_method_customer_idx", ["customerNumber"])
export class PaymentMethodEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "customer_number", type: "text" }) customerNumber: string;
  @Column({ type: "text" }) kind: string;
  @Column({ type: "text", nullable: true }) iban: string | null;
  @Column({ name: "card_token", type: "text", nullable: true }) cardToken: string | null;
  @Column({ name: "card_last4", type: "text", nullable: true }) cardLast4: string | null;
  @Column({ name: "card_brand", type: "text", nullable: true }) cardBrand: string | null;
  @Column({ name: "holder_name", type: "text" }) holderName: string;
  @Column({ type: "boolean", default: true }) active: boolean;
  @Column({ name: "created_at", type: "timestamptz" }) createdAt: Date;
}
