import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * subject_directive kind ERASED: written by an erasure that had to keep the subject's crm record under a hold
 * (a preservation order, Sv 126ni). The record stays unchanged for the order; the directive makes every purpose
 * treat the subject as erased (src/rights/choices/directive.ts).
 */
export class ErasedDirective1700000000014 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_shape_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_kind_chk"
      CHECK ("kind" IN ('CONSENT_WITHDRAWN', 'OBJECTION', 'RESTRICTION', 'ERASED'))`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_shape_chk" CHECK (
        ("kind" = 'CONSENT_WITHDRAWN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
        OR ("kind" = 'OBJECTION' AND "purpose" IS NOT NULL AND "category" IS NULL AND "reason" IS NULL)
        OR ("kind" = 'RESTRICTION' AND "purpose" IS NULL AND "category" IS NULL)
        OR ("kind" = 'ERASED' AND "purpose" IS NULL AND "category" IS NULL AND "reason" IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "privacy"."subject_directive" WHERE "kind" = 'ERASED'`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_shape_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_kind_chk"
      CHECK ("kind" IN ('CONSENT_WITHDRAWN', 'OBJECTION', 'RESTRICTION'))`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_shape_chk" CHECK (
        ("kind" = 'CONSENT_WITHDRAWN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
        OR ("kind" = 'OBJECTION' AND "purpose" IS NOT NULL AND "category" IS NULL AND "reason" IS NULL)
        OR ("kind" = 'RESTRICTION' AND "purpose" IS NULL AND "category" IS NULL))`);
  }
}
