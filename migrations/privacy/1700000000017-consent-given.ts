import type { MigrationInterface, QueryRunner } from "typeorm";

const SHAPE_WITHOUT_GIVEN = `("kind" = 'CONSENT_WITHDRAWN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
        OR ("kind" = 'OBJECTION' AND "purpose" IS NOT NULL AND "category" IS NULL AND "reason" IS NULL)
        OR ("kind" = 'RESTRICTION' AND "purpose" IS NULL AND "category" IS NULL)
        OR ("kind" = 'ERASED' AND "purpose" IS NULL AND "category" IS NULL AND "reason" IS NULL)`;
const REQUEST_TYPES = `'ACCESS', 'RECTIFY', 'ERASE', 'OBJECT', 'WITHDRAW_CONSENT', 'RESTRICT', 'PORTABILITY'`;

/**
 * subject_directive kind CONSENT_GIVEN: a consent given (at sign-up, or again after a withdrawal), with when and
 * under which policy version — the record of a consent that withdrawals end and giving it again ends in turn.
 * Rights request types GIVE_CONSENT and WITHDRAW_OBJECTION: the portal registers those actions as requests of
 * their own, like their siblings WITHDRAW_CONSENT and OBJECT.
 */
export class ConsentGiven1700000000017 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_shape_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_kind_chk"
      CHECK ("kind" IN ('CONSENT_GIVEN', 'CONSENT_WITHDRAWN', 'OBJECTION', 'RESTRICTION', 'ERASED'))`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_shape_chk" CHECK (
        ("kind" = 'CONSENT_GIVEN' AND "purpose" IS NOT NULL AND "category" IS NOT NULL AND "reason" IS NULL)
        OR ${SHAPE_WITHOUT_GIVEN})`);
    await q.query(`ALTER TABLE "privacy"."rights_request" DROP CONSTRAINT "rights_request_type_chk"`);
    await q.query(`ALTER TABLE "privacy"."rights_request" ADD CONSTRAINT "rights_request_type_chk"
      CHECK ("type" IN (${REQUEST_TYPES}, 'GIVE_CONSENT', 'WITHDRAW_OBJECTION'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "privacy"."subject_directive" WHERE "kind" = 'CONSENT_GIVEN'`);
    await q.query(`DELETE FROM "privacy"."rights_request" WHERE "type" IN ('GIVE_CONSENT', 'WITHDRAW_OBJECTION')`);
    await q.query(`ALTER TABLE "privacy"."rights_request" DROP CONSTRAINT "rights_request_type_chk"`);
    await q.query(`ALTER TABLE "privacy"."rights_request" ADD CONSTRAINT "rights_request_type_chk" CHECK ("type" IN (${REQUEST_TYPES}))`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_kind_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" DROP CONSTRAINT "subject_directive_shape_chk"`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_kind_chk"
      CHECK ("kind" IN ('CONSENT_WITHDRAWN', 'OBJECTION', 'RESTRICTION', 'ERASED'))`);
    await q.query(`ALTER TABLE "privacy"."subject_directive" ADD CONSTRAINT "subject_directive_shape_chk" CHECK (${SHAPE_WITHOUT_GIVEN})`);
  }
}
