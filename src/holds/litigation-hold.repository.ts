import type { DataSource, EntityManager } from "typeorm";
import { inStore } from "../db/store-error";
import type { DataCategory } from "../policy/categories";

/** A litigation hold as the privacy officer placed it (its records are legal_hold rows of kind LITIGATION). */
export interface LitigationHold {
  id: string;
  subjectId: string;
  categories: DataCategory[];
  /** YYYY-MM-DD: held through this day. */
  until: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  /** How many records it held when placed. */
  records: number;
  releasedAt: Date | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

const COLUMNS = `id, subject_id AS "subjectId", categories, to_char(expires_at, 'YYYY-MM-DD') AS until, reason,
  placed_by AS "placedBy", placed_at AS "placedAt", records, released_at AS "releasedAt", released_by AS "releasedBy",
  release_reason AS "releaseReason"`;

const INSERT_SQL = `INSERT INTO privacy.litigation_hold (subject_id, categories, expires_at, reason, placed_by, placed_at, records)
  VALUES ($1, $2::text[], $3::date, $4, $5, $6, $7) RETURNING ${COLUMNS}`;
const BY_ID_SQL = `SELECT ${COLUMNS} FROM privacy.litigation_hold WHERE id = $1`;
// Only an unreleased hold is released; its records' rows with it (a record another hold keeps stays held by that one).
const RELEASE_SQL = `UPDATE privacy.litigation_hold SET released_at = $2, released_by = $3, release_reason = $4
  WHERE id = $1 AND released_at IS NULL RETURNING ${COLUMNS}`;
const RELEASE_RECORDS_SQL = `UPDATE privacy.legal_hold SET released_at = $2 WHERE litigation_id = $1 AND kind = 'LITIGATION' AND released_at IS NULL`;

/** The litigation-hold register: the only code that knows privacy.litigation_hold. */
export class LitigationHoldRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.ds.transaction(work));
  }

  async insert(manager: EntityManager, h: Omit<LitigationHold, "id" | "releasedAt" | "releasedBy" | "releaseReason">): Promise<LitigationHold> {
    const [row] = await manager.query(INSERT_SQL, [h.subjectId, h.categories, h.until, h.reason, h.placedBy, h.placedAt, h.records]);
    return row as LitigationHold;
  }

  /** On the caller's transaction (the embedded engine has one connection: a read beside an open transaction would wait for it). */
  async byId(manager: EntityManager, id: string): Promise<LitigationHold | null> {
    return ((await manager.query(BY_ID_SQL, [id])) as LitigationHold[])[0] ?? null;
  }

  /** Releases the hold and its records' rows; null when there is no such unreleased hold. */
  async release(manager: EntityManager, id: string, at: Date, by: string, reason: string): Promise<LitigationHold | null> {
    const [[row]] = (await manager.query(RELEASE_SQL, [id, at, by, reason])) as [LitigationHold[], number]; // UPDATE: [rows, count]
    if (!row) return null;
    await manager.query(RELEASE_RECORDS_SQL, [id, at]);
    return row as LitigationHold;
  }
}
