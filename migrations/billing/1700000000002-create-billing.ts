import type { MigrationInterface, QueryRunner } from "typeorm";

/** Creates the billing schema. Schemas are created here explicitly: TypeORM-generated migrations do not. */
export class CreateBilling1700000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS "billing"`);
    await q.query(`CREATE TABLE "billing"."invoice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_number" text NOT NULL, "customer_number" text NOT NULL, "invoice_date" date NOT NULL, "due_date" date NOT NULL, "billing_name" text NOT NULL, "billing_street" text NOT NULL, "billing_postal_code" text NOT NULL, "billing_city" text NOT NULL, "billing_country" character(2) NOT NULL, "amount_excl_vat" numeric(12,2) NOT NULL, "vat_rate" numeric(5,2) NOT NULL, "vat_amount" numeric(12,2) NOT NULL, "amount_incl_vat" numeric(12,2) NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "status" text NOT NULL, CONSTRAINT "UQ_c7ec75a1a4068196ea74b920df9" UNIQUE ("invoice_number"), CONSTRAINT "PK_15d25c200d9bcd8a33f698daf18" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "invoice_customer_idx" ON "billing"."invoice" ("customer_number", "invoice_date")`);
    await q.query(`CREATE TABLE "billing"."payment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_id" uuid NOT NULL, "customer_number" text NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" numeric(12,2) NOT NULL, "method" text NOT NULL, "reference" text NOT NULL, CONSTRAINT "PK_fcaec7df5adf9cac408c686b2ab" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "payment_customer_idx" ON "billing"."payment" ("customer_number", "paid_at")`);
    await q.query(`CREATE TABLE "billing"."payment_method" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_number" text NOT NULL, "kind" text NOT NULL, "iban" text, "card_token" text, "card_last4" text, "card_brand" text, "holder_name" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7744c2b2dd932c9cf42f2b9bc3a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "payment_method_customer_idx" ON "billing"."payment_method" ("customer_number")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "billing"."payment_method"`);
    await q.query(`DROP TABLE "billing"."payment"`);
    await q.query(`DROP TABLE "billing"."invoice"`);
    await q.query(`DROP SCHEMA "billing"`);
  }
}
