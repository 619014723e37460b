import type { MigrationInterface, QueryRunner } from "typeorm";

/** Creates the privacy schema. Schemas are created here explicitly: TypeORM-generated migrations do not. */
export class CreatePrivacy1700000000005 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS "privacy"`);
    await q.query(`CREATE TABLE "privacy"."gateway_meta" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ecab4383dd7b7f752c1b764f463" PRIMARY KEY ("key"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."gateway_meta"`);
    await q.query(`DROP SCHEMA "privacy"`);
  }
}
