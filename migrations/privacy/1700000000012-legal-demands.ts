import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.legal_demand (SPEC §7): police and justice demands as received, with the outcome of the check
 * against the law's table (refusal codes) and the four-eyes decision. Only the disclosure repository reads
 * it, with plain SQL (no entity). The document itself is not stored, only its SHA-256.
 */
export class LegalDemands1700000000012 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."legal_demand" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "status" text NOT NULL,
      "basis" text NOT NULL,
      "issuer_type" text NOT NULL,
      "authority" text NOT NULL,
      "officer_name" text NOT NULL,
      "officer_number" text NOT NULL,
      "case_reference" text NOT NULL,
      "authorisation_reference" text,
      -- How the demand named its subject, as received (evidence of what was asked), and whom it resolved to.
      "subject_naming" jsonb NOT NULL,
      "subject_id" uuid,
      "categories" text[] NOT NULL,
      "range_from" TIMESTAMP WITH TIME ZONE,
      "range_to" TIMESTAMP WITH TIME ZONE,
      "channel" text NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "document_sha256" text,
      "written_copy_due_at" TIMESTAMP WITH TIME ZONE,
      "written_copy_received_at" TIMESTAMP WITH TIME ZONE,
      "preservation_days" integer,
      "refusals" text[] NOT NULL DEFAULT '{}',
      "confidential" boolean NOT NULL,
      "recorded_by" text NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "decided_by" text,
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "rejection_reasons" text[],
      CONSTRAINT "legal_demand_status_chk" CHECK ("status" IN ('RECORDED', 'REFUSED', 'APPROVED', 'REJECTED', 'EXECUTED', 'PARTIALLY_EXECUTED', 'CLOSED')),
      CONSTRAINT "legal_demand_channel_chk" CHECK ("channel" IN ('WRITTEN', 'ORAL')),
      -- A refused demand has its reasons; any other has none.
      CONSTRAINT "legal_demand_refusals_chk" CHECK (("status" = 'REFUSED') = (cardinality("refusals") > 0)),
      CONSTRAINT "legal_demand_pk" PRIMARY KEY ("id"))`);
    // The oral demands still waiting for their written copy (a short list: what the legal officer chases).
    await q.query(`CREATE INDEX "legal_demand_copy_due_idx" ON "privacy"."legal_demand" ("written_copy_due_at")
      WHERE "written_copy_due_at" IS NOT NULL AND "written_copy_received_at" IS NULL`);
    await q.query(`CREATE INDEX "legal_demand_status_idx" ON "privacy"."legal_demand" ("status", "received_at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."legal_demand"`);
  }
}
