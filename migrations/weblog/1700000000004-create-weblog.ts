import type { MigrationInterface, QueryRunner } from "typeorm";

/** Creates the weblog schema. Schemas are created here explicitly: TypeORM-generated migrations do not. */
export class CreateWeblog1700000000004 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS "weblog"`);
    await q.query(`CREATE TABLE "weblog"."access_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" inet NOT NULL, "method" text NOT NULL, "path" text NOT NULL, "status" integer NOT NULL, "user_agent" text NOT NULL, "account_id" uuid, CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "access_log_time_idx" ON "weblog"."access_log" ("occurred_at")`);
    await q.query(`CREATE INDEX "access_log_account_idx" ON "weblog"."access_log" ("account_id", "occurred_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "weblog"."access_log"`);
    await q.query(`DROP SCHEMA "weblog"`);
  }
}
