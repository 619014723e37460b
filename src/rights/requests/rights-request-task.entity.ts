import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { TaskSource, TaskStatus } from "./rights-request";
import { RightsRequestEntity } from "./rights-request.entity";

/**
 * privacy.rights_request_task — the work of one request split per source store, so a durable job (erasure)
 * can resume where it stopped and retry a source that was down. One row per (request, source).
 * `last_error_code` holds a code, never a message: a source's message could carry personal data.
 */
@Entity({ schema: "privacy", name: "rights_request_task" })
@Check("rights_request_task_source_chk", `"source" IN ('crm', 'billing', 'auth', 'weblog', 'privacy')`)
@Check("rights_request_task_status_chk", `"status" IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'HELD')`)
@Check("rights_request_task_attempts_chk", `"attempts" >= 0`)
export class RightsRequestTaskEntity {
  @PrimaryColumn({ name: "request_id", type: "uuid" }) requestId: string;
  @PrimaryColumn({ type: "text" }) source: TaskSource;
  @Column({ type: "text", default: "PENDING" }) status: TaskStatus;
  @Column({ type: "integer", default: 0 }) attempts: number;
  @Column({ name: "last_error_code", type: "text", nullable: true }) lastErrorCode: string | null;
  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" }) updatedAt: Date;

  // Tasks go with their request; nothing else deletes requests (they are evidence).
  @ManyToOne(() => RightsRequestEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "request_id", foreignKeyConstraintName: "rights_request_task_request_fk" })
  request?: Relation<RightsRequestEntity>;
}
