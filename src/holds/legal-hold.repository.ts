import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import { StoreStatements } from "../db/store-statements";
import { ExpiringRows, expirySql, isoDay } from "../db/expiry-sql";
import { inStore } from "../db/store-error";
import type { StatementPart } from "../db/one-statement";
import { utcDate } from "../policy/retention";
import type { CustomerRecords, HeldRecord, HoldKind, HoldOwner, NewHold, RecordSet, SubjectHold } from "./legal-hold";

// A repeat writes nothing (the WHERE); a hold that was released and is needed again is re-opened. created_at
// and request_id keep their first values: the hold dates from the first erasure that asked for it.
/** Registers holds (idempotent; re-holding a released record renews it). Exported for the benchmark baseline. */
export const UPSERT_SQL = `INSERT INTO privacy.legal_hold AS h
    (subject_id, request_id, source, record_type, record_id, kind, customer_number, basis, expires_at, demand_id, litigation_id)
  SELECT $1::uuid, $2::uuid, t.source, t.record_type, t.record_id, t.kind, $3, t.basis, t.expires_at, $10::uuid, $11::uuid
    FROM unnest($4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::date[])
      AS t(source, record_type, record_id, kind, basis, expires_at)
  ON CONFLICT (source, record_type, record_id, kind) DO UPDATE
    SET basis = EXCLUDED.basis, expires_at = EXCLUDED.expires_at, released_at = NULL, litigation_id = EXCLUDED.litigation_id
    WHERE (h.basis, h.expires_at, h.released_at, h.litigation_id) IS DISTINCT FROM (EXCLUDED.basis, EXCLUDED.expires_at, NULL::timestamptz, EXCLUDED.litigation_id)`;

/** UPSERT_SQL's parameters. Exported for the benchmark baseline. */
export const upsertParams = (owner: HoldOwner, holds: readonly NewHold[]) => [owner.subjectId, owner.requestId, owner.customerNumber,
  holds.map((h) => h.source), holds.map((h) => h.recordType), holds.map((h) => h.recordId), holds.map((h) => h.kind),
  holds.map((h) => h.basis), holds.map((h) => h.expiresAt), owner.demandId ?? null, owner.litigationId ?? null];

// Held on a day means: not released, and the day is on or before the last day (expires_at is inclusive, as
// erasure decides it). A record under several holds has one row per hold.
const heldSql = (which: string) => `SELECT source, record_type AS "recordType", record_id AS "recordId", id AS "holdId", kind,
    basis AS reason, to_char(expires_at, 'YYYY-MM-DD') AS until
  FROM privacy.legal_hold
  WHERE ${which} AND released_at IS NULL AND expires_at >= $1::date
  ORDER BY source, record_type, record_id, kind`;
const HELD_RECORDS_SQL = heldSql("(source, record_type, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[], $4::uuid[]))");
const HELD_OF_CUSTOMER_SQL = heldSql("customer_number = $2 AND ($3::text IS NULL OR source = $3)");

// Every record of one source table held on a day, by any hold (the retention run's question; holds are few).
const HELD_OF_TYPE_SQL = `SELECT DISTINCT ON (record_id) record_id AS "recordId", kind FROM privacy.legal_hold
  WHERE source = $2 AND record_type = ANY($3::text[]) AND released_at IS NULL AND expires_at >= $1::date ORDER BY record_id, expires_at DESC`;

/** Fiscal holds past their last day: their records are past fiscal retention too (exported for the benchmark baseline). */
export const FISCAL_HOLD_EXPIRY = expirySql("privacy.legal_hold", "t.kind = 'FISCAL' AND t.expires_at < $1::date");

// The holds in force on a day on the records of these subjects, longest first.
const IN_FORCE_OF_SUBJECTS_SQL = `SELECT subject_id AS "subjectId", id, kind, source, record_type AS "recordType", record_id AS "recordId",
    basis, to_char(expires_at, 'YYYY-MM-DD') AS until, created_at AS "placedAt"
  FROM privacy.legal_hold WHERE subject_id = ANY($1::uuid[]) AND released_at IS NULL AND expires_at >= $2::date
  ORDER BY expires_at DESC, kind, source, record_type, record_id`;

const CUSTOMER_NUMBER_SQL = `SELECT customer_number AS "customerNumber" FROM privacy.legal_hold
  WHERE subject_id = $1 ORDER BY created_at LIMIT 1`;

/** The hold register: the only code that knows privacy.legal_hold. */
export class LegalHoldRepository {
  private readonly sql: StoreStatements;
  /** Fiscal hold rows whose last day is before the cut-off day: the fiscal rule deletes them after their records. */
  readonly expiredFiscalHolds: ExpiringRows;

  constructor(private readonly ds: DataSource) {
    this.sql = new StoreStatements("privacy", ds);
    this.expiredFiscalHolds = new ExpiringRows(this.sql, FISCAL_HOLD_EXPIRY, isoDay);
  }

  /** Runs `work` in one privacy transaction (the holds and their audit entry commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.ds.transaction(work));
  }

  /** Upserts the holds on the caller's transaction (idempotent: a repeat writes nothing). */
  async record(manager: EntityManager, owner: HoldOwner, holds: readonly NewHold[]): Promise<void> {
    if (holds.length === 0) return;
    await (manager.queryRunner as QueryRunner).query(UPSERT_SQL, upsertParams(owner, holds));
  }

  /** The same upsert as a part of one combined statement (db/one-statement.ts); no part without holds. */
  upsertPart(owner: HoldOwner, holds: readonly NewHold[]): StatementPart[] {
    return holds.length ? [{ name: "legal_hold", text: UPSERT_SQL, params: upsertParams(owner, holds) }] : [];
  }

  /**
   * The one question: which records are held at `at` (the gateway's clock; judged on its UTC date), by which
   * hold (kind, id, reason) and until when — of these record sets, or of one customer's records in one source
   * (asked before the caller has read the record ids, at the same time as it reads them). One statement;
   * records not held are simply absent.
   */
  async heldAt(at: Date, scope: readonly RecordSet[] | CustomerRecords): Promise<HeldRecord[]> {
    if (!Array.isArray(scope)) {
      const { customerNumber, source } = scope as CustomerRecords;
      return this.sql.rows<HeldRecord>(HELD_OF_CUSTOMER_SQL, [utcDate(at), customerNumber, source ?? null]);
    }
    const records = (scope as readonly RecordSet[]).flatMap((s) => s.recordIds.map((id) => [s.source, s.recordType, id] as const));
    if (records.length === 0) return [];
    const column = (i: 0 | 1 | 2) => records.map((r) => r[i]);
    return this.sql.rows<HeldRecord>(HELD_RECORDS_SQL, [utcDate(at), column(0), column(1), column(2)]);
  }

  /** Every record of `source` of these record types held at `at` (judged on its UTC date), with the kind of its longest hold. */
  heldOfType(at: Date, source: string, recordTypes: readonly string[]): Promise<{ recordId: string; kind: HoldKind }[]> {
    return this.sql.rows(HELD_OF_TYPE_SQL, [utcDate(at), source, recordTypes]);
  }

  /** The holds in force at `at` (its UTC date) on each subject's records, in the order asked; none: an empty list. */
  async inForceOf(subjectIds: readonly string[], at: Date): Promise<SubjectHold[][]> {
    const rows = await this.sql.rows<SubjectHold & { subjectId: string }>(IN_FORCE_OF_SUBJECTS_SQL, [subjectIds, utcDate(at)]);
    return subjectIds.map((id) => rows.filter((r) => r.subjectId === id));
  }

  /** The customer number held for the subject, if any hold exists (its only trace once crm is erased). */
  async customerNumberOf(subjectId: string): Promise<string | null> {
    const [row] = await this.sql.rows<{ customerNumber: string }>(CUSTOMER_NUMBER_SQL, [subjectId]);
    return row?.customerNumber ?? null;
  }
}
