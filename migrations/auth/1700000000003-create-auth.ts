import type { MigrationInterface, QueryRunner } from "typeorm";

/** Creates the auth schema. Schemas are created here explicitly: TypeORM-generated migrations do not. */
export class CreateAuth1700000000003 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS "auth"`);
    await q.query(`CREATE TABLE "auth"."account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_number" text NOT NULL, "username" text NOT NULL, "password_hash" text NOT NULL, "mfa_enabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_541e7b006e2dac4326c789608af" UNIQUE ("customer_number"), CONSTRAINT "UQ_41dfcb70af895ddf9a53094515b" UNIQUE ("username"), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "auth"."login_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" inet NOT NULL, "success" boolean NOT NULL, "user_agent" text NOT NULL, CONSTRAINT "PK_770aa06c7f530d2cd55b235d599" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "login_event_account_idx" ON "auth"."login_event" ("account_id", "occurred_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth"."login_event"`);
    await q.query(`DROP TABLE "auth"."account"`);
    await q.query(`DROP SCHEMA "auth"`);
  }
}
