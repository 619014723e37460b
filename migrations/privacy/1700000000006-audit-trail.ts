import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The tamper-evident audit trail (SPEC §8). Hand-written: TypeORM cannot express the function and triggers.
 *
 * - `audit_event.entry` is the canonical JSON text that was hashed: the single source of truth. The filter
 *   columns are GENERATED from it, so they can never say something other than what the hash covers.
 * - `hash = sha256(prev_hash || entry)`; the first entry's prev_hash is the genesis hash (64 zeros).
 * - `audit_head` is one row holding the last seq and hash. `append_audit` locks it, so every writer (any
 *   pool connection, any gateway instance) appends behind the previous one: the chain cannot fork, and one
 *   call appends a whole batch in one round trip. Locked inside a caller's transaction, a rolled-back
 *   append leaves neither rows nor a moved head (no gap).
 * - Triggers refuse UPDATE, DELETE and TRUNCATE of entries and any backwards move of the head. A superuser
 *   can still disable them; `auditIntegrity` then finds the edited entry by recomputing the chain.
 */
const GENESIS = "0".repeat(64);

export class AuditTrail1700000000006 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Verifiers hash the entry's UTF-8 bytes; in another database encoding SQL would hash different bytes.
    await q.query(`DO $$ BEGIN
      IF current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION 'the audit trail needs a UTF8 database (found %)', current_setting('server_encoding');
      END IF;
    END $$`);
    await q.query(`CREATE TABLE "privacy"."audit_head" (
      "id" smallint NOT NULL CONSTRAINT "CHK_audit_head_single_row" CHECK ("id" = 1),
      "seq" bigint NOT NULL,
      "hash" text NOT NULL,
      CONSTRAINT "PK_audit_head" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO "privacy"."audit_head" ("id", "seq", "hash") VALUES (1, 0, '${GENESIS}')`);

    // occurred_at is ISO-8601 text (a cast to timestamptz is not immutable, so it cannot be generated);
    // collation "C" makes its ordering plain byte order, which for one fixed ISO format is time order.
    await q.query(`CREATE TABLE "privacy"."audit_event" (
      "seq" bigint NOT NULL,
      "prev_hash" text NOT NULL,
      "hash" text NOT NULL,
      "entry" text NOT NULL,
      "action" text GENERATED ALWAYS AS (("entry"::jsonb) ->> 'action') STORED,
      "actor" text GENERATED ALWAYS AS (("entry"::jsonb) ->> 'actor') STORED,
      "role" text GENERATED ALWAYS AS (("entry"::jsonb) ->> 'role') STORED,
      "purpose" text GENERATED ALWAYS AS (("entry"::jsonb) ->> 'purpose') STORED,
      "subject_hash" text GENERATED ALWAYS AS (("entry"::jsonb) ->> 'subject') STORED,
      "occurred_at" text COLLATE "C" GENERATED ALWAYS AS (("entry"::jsonb) ->> 'at') STORED,
      CONSTRAINT "PK_audit_event" PRIMARY KEY ("seq"))`);
    // Trail pages are newest first per filter: (column, seq) serves "WHERE column = $1 ORDER BY seq DESC".
    await q.query(`CREATE INDEX "IDX_audit_event_subject" ON "privacy"."audit_event" ("subject_hash", "seq")`);
    await q.query(`CREATE INDEX "IDX_audit_event_actor" ON "privacy"."audit_event" ("actor", "seq")`);
    await q.query(`CREATE INDEX "IDX_audit_event_action" ON "privacy"."audit_event" ("action", "seq")`);
    await q.query(`CREATE INDEX "IDX_audit_event_purpose" ON "privacy"."audit_event" ("purpose", "seq")`);
    await q.query(`CREATE INDEX "IDX_audit_event_occurred_at" ON "privacy"."audit_event" ("occurred_at")`);

    await q.query(`CREATE FUNCTION "privacy"."append_audit"(entries text[])
      RETURNS TABLE (seq bigint, hash text)
      LANGUAGE plpgsql AS $fn$
      #variable_conflict use_column
      DECLARE
        last_seq bigint;
        last_hash text;
        next_hash text;
        e text;
      BEGIN
        IF coalesce(cardinality(entries), 0) = 0 THEN
          RETURN;
        END IF;
        SELECT h.seq, h.hash INTO STRICT last_seq, last_hash FROM privacy.audit_head h WHERE h.id = 1 FOR UPDATE;
        FOREACH e IN ARRAY entries LOOP
          next_hash := encode(sha256(convert_to(last_hash || e, 'UTF8')), 'hex');
          last_seq := last_seq + 1;
          INSERT INTO privacy.audit_event (seq, prev_hash, hash, entry) VALUES (last_seq, last_hash, next_hash, e);
          last_hash := next_hash;
          seq := last_seq;
          hash := next_hash;
          RETURN NEXT;
        END LOOP;
        UPDATE privacy.audit_head h SET seq = last_seq, hash = last_hash WHERE h.id = 1;
      END
      $fn$`);

    await q.query(`CREATE FUNCTION "privacy"."audit_event_refuse"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'privacy.audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    // Statement level: refuses even an UPDATE/DELETE that matches no row, and is the only level TRUNCATE has.
    await q.query(`CREATE TRIGGER "audit_event_append_only"
      BEFORE UPDATE OR DELETE OR TRUNCATE ON "privacy"."audit_event"
      FOR EACH STATEMENT EXECUTE FUNCTION "privacy"."audit_event_refuse"()`);

    // The head may only move forward: resetting it (to hide a truncated trail) is refused like an edit.
    await q.query(`CREATE FUNCTION "privacy"."audit_head_guard"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq > OLD.seq THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'privacy.audit_head only moves forward: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
    await q.query(`CREATE TRIGGER "audit_head_forward_only"
      BEFORE UPDATE OR DELETE ON "privacy"."audit_head"
      FOR EACH ROW EXECUTE FUNCTION "privacy"."audit_head_guard"()`);
    await q.query(`CREATE TRIGGER "audit_head_no_truncate"
      BEFORE TRUNCATE ON "privacy"."audit_head"
      FOR EACH STATEMENT EXECUTE FUNCTION "privacy"."audit_head_guard"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "privacy"."audit_event"`);
    await q.query(`DROP TABLE "privacy"."audit_head"`);
    await q.query(`DROP FUNCTION "privacy"."append_audit"(text[])`);
    await q.query(`DROP FUNCTION "privacy"."audit_event_refuse"()`);
    await q.query(`DROP FUNCTION "privacy"."audit_head_guard"()`);
  }
}
