import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * LITIGATION holds (SPEC §6, issue 19): privacy.litigation_hold is one hold as the privacy officer placed it —
 * the subject, the categories, the last day (at most 2 years on; renewed by placing it again), the reason, who
 * placed it and, once released, who released it, when and why. Its records are privacy.legal_hold rows of kind
 * LITIGATION linked by litigation_id (no foreign key, as demand_id: the register outlives neither).
 */
export class LitigationHolds1700000000016 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."litigation_hold" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "subject_id" uuid NOT NULL,
      "categories" text[] NOT NULL,
      "expires_at" date NOT NULL,
      "reason" text NOT NULL,
      "placed_by" text NOT NULL,
      "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "records" integer NOT NULL,
      "released_at" TIMESTAMP WITH TIME ZONE,
      "released_by" text,
      "release_reason" text,
      CONSTRAINT "litigation_hold_pk" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "litigation_hold_subject_idx" ON "privacy"."litigation_hold" ("subject_id")`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD COLUMN "litigation_id" uuid`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_kind_chk" CHECK ("kind" IN ('FISCAL', 'PRESERVATION', 'LITIGATION'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "privacy"."legal_hold" WHERE "kind" = 'LITIGATION'`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_kind_chk" CHECK ("kind" IN ('FISCAL', 'PRESERVATION'))`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP COLUMN "litigation_id"`);
    await q.query(`DROP TABLE "privacy"."litigation_hold"`);
  }
}
