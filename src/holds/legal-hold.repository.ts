import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import { StoreStatements } from "../db/store-statements";
import { inStore } from "../db/store-error";
import type { PlannedHold } from "../rights/erasure/erasure-plan";
import type { StatementPart } from "../db/one-statement";

/** Whose holds they are, and the link LEGAL_TAX needs (see the entity). */
export interface HoldOwner {
  subjectId: string;
  requestId: string | null;
  customerNumber: string;
}

// A repeat writes nothing (the WHERE); a hold that was released and is needed again is re-opened. created_at
// and request_id keep their first values: the hold dates from the first erasure that asked for it.
/** Registers holds (idempotent; re-holding a released record renews it). Exported for the benchmark baseline. */
export const UPSERT_SQL = `INSERT INTO privacy.legal_hold AS h
    (subject_id, request_id, source, record_type, record_id, customer_number, basis, expires_at)
  SELECT $1::uuid, $2::uuid, 'billing', t.record_type, t.record_id, $3, t.basis, t.expires_at
    FROM unnest($4::text[], $5::uuid[], $6::text[], $7::date[]) AS t(record_type, record_id, basis, expires_at)
  ON CONFLICT (source, record_type, record_id) DO UPDATE
    SET basis = EXCLUDED.basis, expires_at = EXCLUDED.expires_at, released_at = NULL
    WHERE (h.basis, h.expires_at, h.released_at) IS DISTINCT FROM (EXCLUDED.basis, EXCLUDED.expires_at, NULL::timestamptz)`;

const upsertParams = (owner: HoldOwner, holds: readonly PlannedHold[]) => [owner.subjectId, owner.requestId, owner.customerNumber,
  holds.map((h) => h.recordType), holds.map((h) => h.recordId), holds.map((h) => h.basis), holds.map((h) => h.expiresAt)];

const CUSTOMER_NUMBER_SQL = `SELECT customer_number AS "customerNumber" FROM privacy.legal_hold
  WHERE subject_id = $1 ORDER BY created_at LIMIT 1`;

/** The hold register: the only code that knows privacy.legal_hold. */
export class LegalHoldRepository {
  private readonly sql: StoreStatements;

  constructor(private readonly ds: DataSource) {
    this.sql = new StoreStatements("privacy", ds);
  }

  /** Runs `work` in one privacy transaction (the holds and their audit entry commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.ds.transaction(work));
  }

  /** Upserts the holds on the caller's transaction (idempotent: a repeat writes nothing). */
  async record(manager: EntityManager, owner: HoldOwner, holds: readonly PlannedHold[]): Promise<void> {
    if (holds.length === 0) return;
    await (manager.queryRunner as QueryRunner).query(UPSERT_SQL, upsertParams(owner, holds));
  }

  /** The same upsert as a part of one combined statement (db/one-statement.ts); no part without holds. */
  upsertPart(owner: HoldOwner, holds: readonly PlannedHold[]): StatementPart[] {
    return holds.length ? [{ name: "legal_hold", text: UPSERT_SQL, params: upsertParams(owner, holds) }] : [];
  }

  /** The customer number held for the subject, if any hold exists (its only trace once crm is erased). */
  async customerNumberOf(subjectId: string): Promise<string | null> {
    const [row] = await this.sql.rows<{ customerNumber: string }>(CUSTOMER_NUMBER_SQL, [subjectId]);
    return row?.customerNumber ?? null;
  }
}
