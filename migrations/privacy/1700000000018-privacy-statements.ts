import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.privacy_statement: every published version of the privacy statement, its texts per language and
 * format, and when it was first published. The version is the policy's (POLICY_VERSION), so the version a
 * consent or objection records names the statement the customer could read. Written once per version.
 */
export class PrivacyStatements1700000000018 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "privacy"."privacy_statement" (
      "version" text NOT NULL,
      "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      -- { "<lang>": { "html": "…", "markdown": "…" } }
      "texts" jsonb NOT NULL,
      CONSTRAINT "privacy_statement_pk" PRIMARY KEY ("version"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."privacy_statement"`);
  }
}
