import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** auth.account — the customer's login. `password_hash` is never selected by the gateway's read path. */
@Entity({ schema: "auth", name: "account" })
export class AccountEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "customer_number", type: "text", unique: true }) customerNumber: string;
  @Column({ type: "text", unique: true }) username: string;
  @Column({ name: "password_hash", type: "text" }) passwordHash: string;
  @Column({ name: "mfa_enabled", type: "boolean", default: false }) mfaEnabled: boolean;
  @Column({ name: "created_at", type: "timestamptz" }) createdAt: Date;
  @Column({ name: "last_login_at", type: "timestamptz", nullable: true }) lastLoginAt: Date | null;
}
