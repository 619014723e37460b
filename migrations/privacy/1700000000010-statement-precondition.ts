import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * privacy.require(ok, what): fails the statement it is part of, with SQLSTATE GW001, unless `ok`.
 * A combined statement (src/db/one-statement.ts) written for a state its caller expects checks that state
 * with it: if the state moved meanwhile, the whole statement rolls back and the caller takes its general
 * path (which reads first). PostgreSQL has no expression that raises, hence this one-line function.
 */
export class StatementPrecondition1700000000010 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "privacy"."require"(ok boolean, what text) RETURNS boolean
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        IF ok IS NOT TRUE THEN
          RAISE EXCEPTION 'precondition failed: %', what USING ERRCODE = 'GW001';
        END IF;
        RETURN true;
      END $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION "privacy"."require"(boolean, text)`);
  }
}
