import type { MigrationInterface, QueryRunner } from "typeorm";

/** Creates the crm schema. Schemas are created here explicitly: TypeORM-generated migrations do not. */
export class CreateCrm1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS "crm"`);
    await q.query(`CREATE TABLE "crm"."customer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_number" text NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL, "street" text NOT NULL, "house_number" text NOT NULL, "postal_code" text NOT NULL, "city" text NOT NULL, "country" character(2) NOT NULL DEFAULT 'NL', "gender" text, "phone" text NOT NULL, "email" text NOT NULL, "notes" text, "contract_start" date NOT NULL, "contract_end" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_547ae6ce72f8d77640b8601336f" UNIQUE ("customer_number"), CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "crm"."customer"`);
    await q.query(`DROP SCHEMA "crm"`);
  }
}
