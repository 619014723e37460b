import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { DataCategory } from "../../policy/categories";
import type { Purpose } from "../../policy/purposes";
import type { Role } from "../../policy/roles";
import type { DirectiveKind, RestrictionReason } from "./directive";

/**
 * privacy.subject_directive — the history of a subject's consents withdrawn, objections and restrictions.
 * Rows are never deleted by the rights mutations: ending a directive sets ended_at, so the table is the
 * evidence of what was in force when (with the policy version it was recorded under).
 *
 * The unique index is partial (directives in force only) and, in the migration, NULLS NOT DISTINCT
 * (PostgreSQL ≥ 15), so a restriction (no purpose, no category) is unique per subject too. TypeORM cannot
 * declare NULLS NOT DISTINCT and compares indices by name and columns only, so the entity and the
 * migration still agree for the drift test.
 */
@Entity({ schema: "privacy", name: "subject_directive" })
@Index("subject_directive_active_uq", ["subjectId", "kind", "purpose", "category"], {
  unique: true,
  where: `"ended_at" IS NULL`,
})
@Index("subject_directive_subject_idx", ["subjectId", "recordedAt"])
@Check("subject_directive_kind_chk", `"kind" IN ('CONSENT_GIVEN', 'CONSENT_WITHDRAWN', 'OBJECTION', 'RESTRICTION', 'ERASED')`)
@Check(
  "subject_directive_shape_chk",
  `("kind" = 'CONSENT_GIVEN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
   OR ("kind" = 'CONSENT_WITHDRAWN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
   OR ("kind" = 'OBJECTION' AND "purpose" IS NOT NULL AND "category" IS NULL AND "reason" IS NULL)
   OR ("kind" = 'RESTRICTION' AND "purpose" IS NULL AND "category" IS NULL)
   OR ("kind" = 'ERASED' AND "purpose" IS NULL AND "category" IS NULL AND "reason" IS NULL)`,
)
@Check(
  "subject_directive_ended_chk",
  `("ended_at" IS NULL) = ("ended_by_role" IS NULL)`,
)
export class SubjectDirectiveEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "subject_id", type: "uuid" }) subjectId: string;
  @Column({ type: "text" }) kind: DirectiveKind;
  @Column({ type: "text", nullable: true }) purpose: Purpose | null;
  @Column({ type: "text", nullable: true }) category: DataCategory | null;
  @Column({ type: "text", nullable: true }) reason: RestrictionReason | null;
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" }) recordedAt: Date;
  @Column({ name: "recorded_by_role", type: "text" }) recordedByRole: Role;
  @Column({ name: "policy_version", type: "text" }) policyVersion: string;
  @Column({ name: "ended_at", type: "timestamptz", nullable: true }) endedAt: Date | null;
  @Column({ name: "ended_by_role", type: "text", nullable: true }) endedByRole: Role | null;
}
