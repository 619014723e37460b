import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.retention_run: one row per retention run (or dry run) with its report — rule ids, table names and
 * counts, never a record id or personal data — for `retentionRuns`. Written with the run's audit entry.
 */
export class RetentionRuns1700000000015 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."retention_run" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      -- The order runs were recorded in: runs on one pinned clock (tests) or one instant share ran_at.
      "seq" bigint GENERATED ALWAYS AS IDENTITY,
      "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "today" date NOT NULL,
      "dry_run" boolean NOT NULL,
      "actor" text NOT NULL,
      "role" text,
      "parts" jsonb NOT NULL,
      CONSTRAINT "retention_run_pk" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "retention_run_seq_uq" ON "privacy"."retention_run" ("seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."retention_run"`);
  }
}
