import type { DataSource, EntityManager } from "typeorm";
import { StoreStatements } from "../db/store-statements";
import { inStore } from "../db/store-error";
import { ExpiringRows, expirySql } from "../db/expiry-sql";
import type { DisclosedDemand, LegalDemand, LegalDemandStatus } from "./legal-demand";
import type { CountedDemand } from "./transparency-report";

const COLUMNS = `id, status, basis, issuer_type AS "issuerType", authority, officer_name AS "officerName",
  officer_number AS "officerNumber", case_reference AS "caseReference", authorisation_reference AS "authorisationReference",
  subject_naming AS "subject", subject_id AS "subjectId", categories, range_from AS "rangeFrom", range_to AS "rangeTo",
  channel, received_at AS "receivedAt", document_sha256 AS "documentSha256", written_copy_due_at AS "writtenCopyDueAt",
  written_copy_received_at AS "writtenCopyReceivedAt",
  preservation_days AS "preservationDays", refusals, confidential, recorded_by AS "recordedBy", recorded_at AS "recordedAt",
  decided_by AS "decidedBy", decided_at AS "decidedAt", rejection_reasons AS "rejectionReasons",
  confidentiality_lifted_at AS "confidentialityLiftedAt", closed_at AS "closedAt"`;

const INSERT_SQL = `INSERT INTO privacy.legal_demand (status, basis, issuer_type, authority, officer_name, officer_number,
    case_reference, authorisation_reference, subject_naming, subject_id, categories, range_from, range_to, channel,
    received_at, document_sha256, written_copy_due_at, preservation_days, refusals, confidential, recorded_by, recorded_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::text[], $12, $13, $14, $15, $16, $17, $18, $19::text[], $20, $21, $22)
  RETURNING ${COLUMNS}`;

const BY_ID_SQL = `SELECT ${COLUMNS} FROM privacy.legal_demand WHERE id = $1`;

// Decides a RECORDED demand only: a demand decided meanwhile (another officer, a repeat) is left as it is.
const DECIDE_SQL = `UPDATE privacy.legal_demand SET status = $2, decided_by = $3, decided_at = $4, rejection_reasons = $5::text[]
  WHERE id = $1 AND status = 'RECORDED' RETURNING ${COLUMNS}`;

// The written copy of an oral demand, once: a copy already recorded is left as it is.
const WRITTEN_COPY_SQL = `UPDATE privacy.legal_demand SET document_sha256 = $2, written_copy_received_at = $3
  WHERE id = $1 AND written_copy_due_at IS NOT NULL AND written_copy_received_at IS NULL RETURNING ${COLUMNS}`;

// Executed (or partly, a 126ne window still open) from APPROVED or PARTIALLY_EXECUTED only.
const EXECUTED_SQL = `UPDATE privacy.legal_demand SET status = $2
  WHERE id = $1 AND status IN ('APPROVED', 'PARTIALLY_EXECUTED') RETURNING ${COLUMNS}`;

// Lifts a confidentiality order in force, once.
const LIFT_SQL = `UPDATE privacy.legal_demand SET confidential = false, confidentiality_lifted_at = $2,
    confidentiality_lifted_by = $3, lift_evidence_sha256 = $4, lift_note = $5
  WHERE id = $1 AND confidential RETURNING ${COLUMNS}`;

const CLOSE_SQL = `UPDATE privacy.legal_demand SET status = 'CLOSED', closed_at = $2
  WHERE id = $1 AND status = ANY($3::text[]) RETURNING ${COLUMNS}`;

// What the subject may learn (art. 15(1)(c)): the executed demands on it whose confidentiality was lifted or
// never applied, with when each was disclosed. A confidential demand yields no row at all.
export const DISCLOSED_TO_SQL = `SELECT d.id, d.authority, d.basis, d.categories, min(x.executed_at) AS "firstDisclosedAt",
    max(x.executed_at) AS "lastDisclosedAt"
  FROM privacy.legal_demand d JOIN privacy.disclosure x ON x.demand_id = d.id
  WHERE d.subject_id = $1 AND NOT d.confidential
  GROUP BY d.id ORDER BY min(x.executed_at), d.id`;

// Newest received first; the cursor is the (received_at, id) of the last row. $5: the written-copy-overdue
// filter (null: all) judged at $6, the gateway's clock.
const PAGE_SQL = `SELECT ${COLUMNS} FROM privacy.legal_demand
  WHERE ($1::text IS NULL OR status = $1)
    AND ($2::timestamptz IS NULL OR (received_at, id) < ($2, $3::uuid))
    AND ($5::boolean IS NULL OR $5 = (written_copy_received_at IS NULL AND written_copy_due_at IS NOT NULL AND written_copy_due_at < $6))
  ORDER BY received_at DESC, id DESC LIMIT $4`;

// What the transparency report counts, no more: basis, outcome, the subject's id (for a distinct count) and dates.
const COUNTED_SQL = `SELECT basis, status, subject_id AS "subjectId", received_at AS "receivedAt",
    CASE WHEN status = 'REFUSED' THEN recorded_at ELSE decided_at END AS "answeredAt"
  FROM privacy.legal_demand WHERE received_at >= $1 AND received_at < $2`;

/**
 * Retention of the gateway's own records: a demand closed 5 years ago counts from the later of its closing, its
 * last execution and the lifting of its confidentiality; a refused or rejected one (nothing disclosed) from its
 * decision. An executed demand still confidential is kept: the subject has not been told of it yet. Manifests cascade.
 */
export const CLOSED_DEMAND_EXPIRY = expirySql("privacy.legal_demand", `(
  (t.status = 'CLOSED' AND NOT t.confidential
    AND GREATEST(t.closed_at, t.confidentiality_lifted_at, (SELECT max(x.executed_at) FROM privacy.disclosure x WHERE x.demand_id = t.id)) < $1::timestamptz)
  OR (t.status = 'REFUSED' AND t.recorded_at < $1::timestamptz)
  OR (t.status = 'REJECTED' AND t.decided_at < $1::timestamptz))`);

type Row = Omit<LegalDemand, "range"> & { rangeFrom: Date | null; rangeTo: Date | null };
const toDemand = ({ rangeFrom, rangeTo, ...r }: Row): LegalDemand => ({
  ...r,
  range: rangeFrom && rangeTo ? { from: rangeFrom, to: rangeTo } : null,
});

/** The legal-demand register: the only code that knows privacy.legal_demand. */
export class LegalDemandRepository {
  private readonly sql: StoreStatements;
  /** Demands closed long enough ago for the retention run (CLOSED_DEMAND_EXPIRY). */
  readonly closedRecords: ExpiringRows;

  constructor(private readonly ds: DataSource) {
    this.sql = new StoreStatements("privacy", ds);
    this.closedRecords = new ExpiringRows(this.sql, CLOSED_DEMAND_EXPIRY);
  }

  /** Runs `work` in one privacy transaction (a demand's row and its audit entry commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.ds.transaction(work));
  }

  async insert(manager: EntityManager, d: Omit<LegalDemand, "id" | "decidedBy" | "decidedAt" | "rejectionReasons" | "writtenCopyReceivedAt" | "confidentialityLiftedAt" | "closedAt">): Promise<LegalDemand> {
    const [row] = (await manager.query(INSERT_SQL, [d.status, d.basis, d.issuerType, d.authority, d.officerName, d.officerNumber,
      d.caseReference, d.authorisationReference, JSON.stringify(d.subject), d.subjectId, d.categories, d.range?.from ?? null,
      d.range?.to ?? null, d.channel, d.receivedAt, d.documentSha256, d.writtenCopyDueAt, d.preservationDays, d.refusals,
      d.confidential, d.recordedBy, d.recordedAt])) as Row[];
    return toDemand(row);
  }

  async get(id: string): Promise<LegalDemand | null> {
    const [row] = await this.sql.rows<Row>(BY_ID_SQL, [id]);
    return row ? toDemand(row) : null;
  }

  /** Sets the decision on a RECORDED demand; null when it is not (or no longer) RECORDED. */
  async decide(manager: EntityManager, id: string, status: LegalDemandStatus, by: string, at: Date, reasons: string[] | null): Promise<LegalDemand | null> {
    const [rows] = (await manager.query(DECIDE_SQL, [id, status, by, at, reasons])) as [Row[], number];
    return rows[0] ? toDemand(rows[0]) : null;
  }

  /** The demands received in [from, to), as the transparency report counts them. */
  counted(from: Date, to: Date): Promise<CountedDemand[]> {
    return this.sql.rows<CountedDemand>(COUNTED_SQL, [from, to]);
  }

  /** Records the written copy of an oral demand; null when it has none due or it was recorded before. */
  async recordWrittenCopy(manager: EntityManager, id: string, documentSha256: string, at: Date): Promise<LegalDemand | null> {
    const [rows] = (await manager.query(WRITTEN_COPY_SQL, [id, documentSha256, at])) as [Row[], number];
    return rows[0] ? toDemand(rows[0]) : null;
  }

  /** Sets EXECUTED or PARTIALLY_EXECUTED; null when the demand is not (or no longer) executable. */
  async executed(manager: EntityManager, id: string, status: LegalDemandStatus): Promise<LegalDemand | null> {
    const [rows] = (await manager.query(EXECUTED_SQL, [id, status])) as [Row[], number];
    return rows[0] ? toDemand(rows[0]) : null;
  }

  /** Ends a confidentiality order in force; null when none is (already lifted, or never confidential). */
  async liftConfidentiality(manager: EntityManager, id: string, at: Date, by: string, evidenceSha256: string, note: string): Promise<LegalDemand | null> {
    const [rows] = (await manager.query(LIFT_SQL, [id, at, by, evidenceSha256, note])) as [Row[], number];
    return rows[0] ? toDemand(rows[0]) : null;
  }

  /** Closes a demand in one of `from`; null when it is in none of them. */
  async close(manager: EntityManager, id: string, at: Date, from: readonly LegalDemandStatus[]): Promise<LegalDemand | null> {
    const [rows] = (await manager.query(CLOSE_SQL, [id, at, from])) as [Row[], number];
    return rows[0] ? toDemand(rows[0]) : null;
  }

  /** The subject's disclosures it may learn of (none while confidential). */
  disclosedTo(subjectId: string): Promise<DisclosedDemand[]> {
    return this.sql.rows<DisclosedDemand>(DISCLOSED_TO_SQL, [subjectId]);
  }

  async page(filter: { status: LegalDemandStatus | null; writtenCopyOverdue: boolean | null; now: Date },
    after: { receivedAt: Date; id: string } | null, limit: number): Promise<LegalDemand[]> {
    const rows = await this.sql.rows<Row>(PAGE_SQL,
      [filter.status, after?.receivedAt ?? null, after?.id ?? null, limit, filter.writtenCopyOverdue, filter.now]);
    return rows.map(toDemand);
  }
}
