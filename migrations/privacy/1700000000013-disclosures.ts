import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The rest of a legal demand's life (SPEC §7):
 * - privacy.disclosure: one manifest per execution — the fields and the record ids per source, the SHA-256
 *   of the canonical payload, who and when. Never the payload itself. Goes with its demand.
 * - legal_demand: the confidentiality order's lifting (when, by whom, the evidence's SHA-256, a note) and
 *   the closing of the demand.
 * - legal_hold: PRESERVATION holds (Sv 126ni), linked to the demand that placed them.
 */
export class Disclosures1700000000013 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."disclosure" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "demand_id" uuid NOT NULL,
      "executed_by" text NOT NULL,
      "executed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "format_version" text NOT NULL,
      "fields" text[] NOT NULL,
      "record_ids" jsonb NOT NULL,
      "payload_sha256" text NOT NULL,
      -- A 126ne window still open at execution: what existed so far was disclosed.
      "window_open" boolean NOT NULL,
      CONSTRAINT "disclosure_sha256_chk" CHECK ("payload_sha256" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "disclosure_pk" PRIMARY KEY ("id"),
      CONSTRAINT "disclosure_demand_fk" FOREIGN KEY ("demand_id") REFERENCES "privacy"."legal_demand"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "disclosure_demand_idx" ON "privacy"."disclosure" ("demand_id", "executed_at")`);
    // The subject's access report asks for its disclosures on every report.
    await q.query(`CREATE INDEX "legal_demand_subject_idx" ON "privacy"."legal_demand" ("subject_id")`);
    await q.query(`ALTER TABLE "privacy"."legal_demand"
      ADD COLUMN "confidentiality_lifted_at" TIMESTAMP WITH TIME ZONE,
      ADD COLUMN "confidentiality_lifted_by" text,
      ADD COLUMN "lift_evidence_sha256" text,
      ADD COLUMN "lift_note" text,
      ADD COLUMN "closed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_kind_chk" CHECK ("kind" IN ('FISCAL', 'PRESERVATION'))`);
    // No foreign key: legal_demand has no entity for TypeORM to compare one with, and a preservation hold
    // (≤ 90 days) ends long before its demand's record may be purged (5 years after closure).
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD COLUMN "demand_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP COLUMN "demand_id"`);
    await q.query(`DELETE FROM "privacy"."legal_hold" WHERE "kind" = 'PRESERVATION'`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_kind_chk" CHECK ("kind" IN ('FISCAL'))`);
    await q.query(`ALTER TABLE "privacy"."legal_demand" DROP COLUMN "confidentiality_lifted_at", DROP COLUMN "confidentiality_lifted_by",
      DROP COLUMN "lift_evidence_sha256", DROP COLUMN "lift_note", DROP COLUMN "closed_at"`);
    await q.query(`DROP INDEX "privacy"."legal_demand_subject_idx"`);
    await q.query(`DROP TABLE "privacy"."disclosure"`);
  }
}
