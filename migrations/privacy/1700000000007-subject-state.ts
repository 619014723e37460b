import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.subject_directive: per-subject consents withdrawn, objections and restrictions, kept as history.
 * Hand-written: the active-directive index is NULLS NOT DISTINCT (PostgreSQL ≥ 15; PGlite is 18), which
 * TypeORM cannot generate; without it a restriction (purpose and category null) would not be unique.
 */
export class SubjectState1700000000007 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."subject_directive" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "subject_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "purpose" text,
      "category" text,
      "reason" text,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "recorded_by_role" text NOT NULL,
      "policy_version" text NOT NULL,
      "ended_at" TIMESTAMP WITH TIME ZONE,
      "ended_by_role" text,
      CONSTRAINT "subject_directive_kind_chk" CHECK ("kind" IN ('CONSENT_WITHDRAWN', 'OBJECTION', 'RESTRICTION')),
      CONSTRAINT "subject_directive_shape_chk" CHECK (
        ("kind" = 'CONSENT_WITHDRAWN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
        OR ("kind" = 'OBJECTION' AND "purpose" IS NOT NULL AND "category" IS NULL AND "reason" IS NULL)
        OR ("kind" = 'RESTRICTION' AND "purpose" IS NULL AND "category" IS NULL)),
      CONSTRAINT "subject_directive_ended_chk" CHECK (
        ("ended_at" IS NULL) = ("ended_by_role" IS NULL)),
      CONSTRAINT "PK_297fa54b6d3c1ff6711766810f4" PRIMARY KEY ("id"))`);
    // One directive in force per (subject, kind, purpose, category); also serves loading by subject.
    await q.query(`CREATE UNIQUE INDEX "subject_directive_active_uq" ON "privacy"."subject_directive"
      ("subject_id", "kind", "purpose", "category") NULLS NOT DISTINCT WHERE "ended_at" IS NULL`);
    // The whole history of one subject (access report, erasure).
    await q.query(`CREATE INDEX "subject_directive_subject_idx" ON "privacy"."subject_directive" ("subject_id", "recorded_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."subject_directive"`);
  }
}
