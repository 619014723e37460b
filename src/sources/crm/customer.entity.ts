import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** crm.customer — the customer record kept by the CRM service. */
@Entity({ schema: "crm", name: "customer" })
export class CustomerEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "customer_number", type: "text", unique: true }) customerNumber: string;
  @Column({ name: "first_name", type: "text" }) firstName: string;
  @Column({ name: "last_name", type: "text" }) lastName: string;
  @Column({ type: "text" }) street: string;
  @Column({ name: "house_number", type: "text" }) houseNumber: string;
  @Column({ name: "postal_code", type: "text" }) postalCode: string;
  @Column({ type: "text" }) city: string;
  @Column({ type: "char", length: 2, default: "NL" }) country: string;
  @Column({ type: "text", nullable: true }) gender: string | null;
  @Column({ type: "text" }) phone: string;
  @Column({ type: "text" }) email: string;
  @Column({ type: "text", nullable: true }) notes: string | null;
  @Column({ name: "contract_start", type: "date" }) contractStart: string;
  @Column({ name: "contract_end", type: "date", nullable: true }) contractEnd: string | null;
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" }) createdAt: Date;
  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" }) updatedAt: Date;
}
