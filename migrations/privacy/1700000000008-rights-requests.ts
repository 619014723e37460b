import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.rights_request and privacy.rights_request_task (SPEC §5). Generated from the entities in
 * src/rights/requests/ and kept by hand so that constraint names and checks stay readable; the drift test
 * (test/medium/migrations.test.ts) proves entities and migration still agree.
 */
export class RightsRequests1700000000008 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."rights_request" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "subject_id" uuid NOT NULL,
      "type" text NOT NULL,
      "channel" text NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "status" text NOT NULL,
      "verification_method" text,
      "attest_photo_hidden" boolean,
      "attest_mrz_hidden" boolean,
      "attest_document_number_hidden" boolean,
      "attest_bsn_hidden" boolean,
      "verified_at" TIMESTAMP WITH TIME ZONE,
      "handler" text,
      "handler_role" text,
      "notes" text,
      "outcome" text,
      "outcome_text" text,
      "rejection_reasons" text array NOT NULL DEFAULT '{}',
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "policy_version" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "rights_request_type_chk" CHECK (
        "type" IN ('ACCESS', 'RECTIFY', 'ERASE', 'OBJECT', 'WITHDRAW_CONSENT', 'RESTRICT', 'PORTABILITY')),
      CONSTRAINT "rights_request_channel_chk" CHECK ("channel" IN ('PORTAL', 'EMAIL')),
      CONSTRAINT "rights_request_status_chk" CHECK (
        "status" IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED')),
      -- 672 hours = 28 × 24 h: absolute time, so the session time zone cannot move the deadline.
      CONSTRAINT "rights_request_due_chk" CHECK ("due_at" = "received_at" + interval '672 hours'),
      CONSTRAINT "rights_request_verified_chk" CHECK (("verification_method" IS NULL) = ("verified_at" IS NULL)
        AND ("verification_method" IS NOT NULL OR "status" IN ('RECEIVED', 'REJECTED'))
        AND ("verification_method" IS NULL OR "verification_method" IN ('PORTAL_LOGIN', 'EMAIL_CHALLENGE', 'ID_DOCUMENT'))),
      -- An ID document is only ever recorded with all four parts attested blacked out; no image column exists.
      CONSTRAINT "rights_request_id_document_chk" CHECK (
        COALESCE("verification_method" = 'ID_DOCUMENT', false) = ("attest_photo_hidden" IS NOT NULL)
        AND ("verification_method" IS DISTINCT FROM 'ID_DOCUMENT' OR ("attest_photo_hidden" AND "attest_mrz_hidden"
          AND "attest_document_number_hidden" AND "attest_bsn_hidden"))),
      CONSTRAINT "rights_request_closed_chk" CHECK (("status" IN ('COMPLETED', 'REJECTED')) = ("completed_at" IS NOT NULL)
        AND ("status" IN ('COMPLETED', 'REJECTED')) = ("outcome" IS NOT NULL)
        AND ("status" = 'REJECTED') = ("outcome" = 'REJECTED')
        AND ("status" = 'REJECTED') = (cardinality("rejection_reasons") > 0)),
      CONSTRAINT "PK_f4a1496399535188e6ce9609687" PRIMARY KEY ("id"))`);
    // The officer's worklist: open requests by deadline (the closed ones are the bulk over the years).
    await q.query(`CREATE INDEX "rights_request_open_due_idx" ON "privacy"."rights_request" ("due_at", "id")
      WHERE "status" IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS')`);
    // A subject's requests (access report, erasure).
    await q.query(`CREATE INDEX "rights_request_subject_idx" ON "privacy"."rights_request" ("subject_id", "received_at")`);

    await q.query(`CREATE TABLE "privacy"."rights_request_task" (
      "request_id" uuid NOT NULL,
      "source" text NOT NULL,
      "status" text NOT NULL DEFAULT 'PENDING',
      "attempts" integer NOT NULL DEFAULT '0',
      "last_error_code" text,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "rights_request_task_source_chk" CHECK ("source" IN ('crm', 'billing', 'auth', 'weblog', 'privacy')),
      CONSTRAINT "rights_request_task_status_chk" CHECK ("status" IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'HELD')),
      CONSTRAINT "rights_request_task_attempts_chk" CHECK ("attempts" >= 0),
      CONSTRAINT "PK_66835cc9bc79cca61c8b798e790" PRIMARY KEY ("request_id", "source"))`);
    await q.query(`ALTER TABLE "privacy"."rights_request_task" ADD CONSTRAINT "rights_request_task_request_fk"
      FOREIGN KEY ("request_id") REFERENCES "privacy"."rights_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."rights_request_task"`);
    await q.query(`DROP TABLE "privacy"."rights_request"`);
  }
}
