import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.legal_hold for holds of every kind (src/holds/legal-hold.entity.ts): a `kind` column (the holds made
 * so far are all fiscal), any source and record type (the checks allowed billing invoices and payments only),
 * and one hold per record and kind, so that a record can be under a fiscal and another kind of hold at once.
 * A new kind widens legal_hold_kind_chk in a migration of its own.
 */
export class HoldKinds1700000000011 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Existing rows get FISCAL from the default; dropped afterwards, so that every writer names the kind.
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD COLUMN "kind" text NOT NULL DEFAULT 'FISCAL'`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ALTER COLUMN "kind" DROP DEFAULT`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_kind_chk" CHECK ("kind" IN ('FISCAL'))`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_source_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_record_type_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_record_uq"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold"
      ADD CONSTRAINT "legal_hold_record_kind_uq" UNIQUE ("source", "record_type", "record_id", "kind")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_record_kind_uq"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_record_uq" UNIQUE ("source", "record_type", "record_id")`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_record_type_chk" CHECK ("record_type" IN ('invoice', 'payment'))`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" ADD CONSTRAINT "legal_hold_source_chk" CHECK ("source" IN ('billing'))`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP CONSTRAINT "legal_hold_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."legal_hold" DROP COLUMN "kind"`);
  }
}
