import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** auth.login_event — one login attempt. */
@Entity({ schema: "auth", name: "login_event" })
@Index("login_event_account_idx", ["accountId", "occurredAt"])
export class LoginEventEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "account_id", type: "uuid" }) accountId: string;
  @Column({ name: "occurred_at", type: "timestamptz" }) occurredAt: Date;
  @Column({ type: "inet" }) ip: string;
  @Column({ type: "boolean" }) success: boolean;
  @Column({ name: "user_agent", type: "text" }) userAgent: string;
}
