import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** weblog.access_log — one web request; `account_id` is set when the visitor was logged in. */
@Entity({ schema: "weblog", name: "access_log" })
@Index("access_log_account_idx", ["accountId", "occurredAt"])
@Index("access_log_time_idx", ["occurredAt"])
export class AccessLogEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "occurred_at", type: "timestamptz" }) occurredAt: Date;
  @Column({ type: "inet" }) ip: string;
  @Column({ type: "text" }) method: string;
  @Column({ type: "text" }) path: string;
  @Column({ type: "integer" }) status: number;
  @Column({ name: "user_agent", type: "text" }) userAgent: string;
  @Column({ name: "account_id", type: "uuid", nullable: true }) accountId: string | null;
}
