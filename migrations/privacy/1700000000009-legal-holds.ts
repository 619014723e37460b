import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.legal_hold (SPEC §5 erasure, §6 holds): records kept under a hold instead of being erased.
 * Generated from src/holds/legal-hold.entity.ts and kept by hand so names stay readable; the drift
 * test (test/medium/migrations.test.ts) proves entity and migration agree.
 */
export class LegalHolds1700000000009 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."legal_hold" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "subject_id" uuid NOT NULL,
      "request_id" uuid,
      "source" text NOT NULL,
      "record_type" text NOT NULL,
      "record_id" uuid NOT NULL,
      -- The minimum link left once crm is erased: LEGAL_TAX finds the held records by it (see the entity).
      "customer_number" text NOT NULL,
      "basis" text NOT NULL,
      "expires_at" date NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "released_at" TIMESTAMP WITH TIME ZONE,
      -- One hold per record: a repeated or resumed erasure upserts instead of adding a second row.
      CONSTRAINT "legal_hold_record_uq" UNIQUE ("source", "record_type", "record_id"),
      CONSTRAINT "legal_hold_record_type_chk" CHECK ("record_type" IN ('invoice', 'payment')),
      CONSTRAINT "legal_hold_source_chk" CHECK ("source" IN ('billing')),
      CONSTRAINT "PK_edcd499db1f1c67a56c565c5e64" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "legal_hold_customer_idx" ON "privacy"."legal_hold" ("customer_number")`);
    await q.query(`CREATE INDEX "legal_hold_subject_idx" ON "privacy"."legal_hold" ("subject_id")`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_request_fk"
      FOREIGN KEY ("request_id") REFERENCES "privacy"."rights_request"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."legal_hold"`);
  }
}
