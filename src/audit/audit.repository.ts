import type { DataSource } from "typeorm";
import { sqlStats, type SqlStats } from "../db/sql-stats";
import { StoreStatements } from "../db/store-statements";
import type { Queryable } from "./audit-entry";
import type { StatementPart } from "../db/one-statement";
import type { ChainRow } from "./chain-verifier";

/** Trail filters, already in stored form (subject hashed, times as ISO text). */
export interface AuditRowFilter {
  action?: string | null;
  /** Any of these actor values (a clear staff id and its keyed hash, see AuditService). */
  actors?: readonly string[] | null;
  purpose?: string | null;
  subjectHash?: string | null;
  /** Inclusive lower bound, ISO-8601. */
  from?: string | null;
  /** Exclusive upper bound, ISO-8601. */
  to?: string | null;
}

export interface AppendedEntry {
  seq: number;
  hash: string;
}

type RawRow = { seq: number | string; prev_hash: string; hash: string; entry: string };

const ROW_COLUMNS = `seq, prev_hash, hash, entry`;

/** Appends canonical entries ($1 text[]) in order under the head lock; returns their seq and hash. */
export const APPEND_AUDIT_SQL = `SELECT seq, hash FROM privacy.append_audit($1::text[])`;
/** Below any bigint: the first verification batch must also see rows someone numbered 0 or less. */
const MIN_SEQ = "-9223372036854775808";

/**
 * The only code that knows privacy.audit_event and privacy.audit_head.
 *
 * Single statements go straight to the privacy store's pool (StoreStatements): appending is on the hot path
 * (one audited read per request), and TypeORM's query-runner wrapping costs more than the statement. A
 * caller that must append inside its own transaction passes its EntityManager/QueryRunner.
 */
export class AuditRepository {
  private readonly sql: StoreStatements;

  constructor(ds: DataSource, stats: SqlStats = sqlStats) {
    this.sql = new StoreStatements("privacy", ds, stats);
  }

  /**
   * Appends canonical entries in order, atomically, in one statement. The database computes the hashes
   * under the head lock, so concurrent writers queue instead of forking the chain.
   */
  async append(entries: readonly string[], db?: Queryable): Promise<AppendedEntry[]> {
    if (entries.length === 0) return [];
    const rows = await this.run<{ seq: number | string; hash: string }>(APPEND_AUDIT_SQL, [entries], db);
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
  }

  /** The same append as a part of one combined statement (db/one-statement.ts); its rows are seq and hash. */
  appendPart(entries: readonly string[]): StatementPart {
    return { name: "audit", text: APPEND_AUDIT_SQL, params: [entries], returns: true };
  }

  /** One page of the trail, newest first, strictly before `beforeSeq`; filters use the generated columns. */
  async page(filter: AuditRowFilter, limit: number, beforeSeq: number | null): Promise<ChainRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (beforeSeq !== null) add((p) => `seq < ${p}`, beforeSeq);
    if (filter.action) add((p) => `action = ${p}`, filter.action);
    if (filter.actors?.length) add((p) => `actor = ANY(${p}::text[])`, filter.actors);
    if (filter.purpose) add((p) => `purpose = ${p}`, filter.purpose);
    if (filter.subjectHash) add((p) => `subject_hash = ${p}`, filter.subjectHash);
    if (filter.from) add((p) => `occurred_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `occurred_at < ${p}`, filter.to);
    params.push(limit);
    const sql =
      `SELECT ${ROW_COLUMNS} FROM privacy.audit_event` +
      (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
      ` ORDER BY seq DESC LIMIT $${params.length}`;
    return (await this.run<RawRow>(sql, params)).map(toChainRow);
  }

  /**
   * Rows in seq order after `afterSeq` (null: from the very first), at most `limit`, optionally up to and
   * including `upToSeq`. Verification walks the table with this: one batch in memory, never the table.
   */
  async batch(afterSeq: number | null, limit: number, upToSeq: number | null = null): Promise<ChainRow[]> {
    const params: unknown[] = [afterSeq === null ? MIN_SEQ : String(afterSeq), limit];
    let upper = "";
    if (upToSeq !== null) {
      params.push(upToSeq);
      upper = ` AND seq <= $3`;
    }
    const sql = `SELECT ${ROW_COLUMNS} FROM privacy.audit_event WHERE seq > $1::bigint${upper} ORDER BY seq LIMIT $2`;
    return (await this.run<RawRow>(sql, params)).map(toChainRow);
  }

  /** The head: seq and hash of the last entry appended (0 and the genesis hash while empty). */
  async head(): Promise<{ seq: number; hash: string }> {
    const rows = await this.run<{ seq: number | string; hash: string }>(
      `SELECT seq, hash FROM privacy.audit_head WHERE id = 1`,
      [],
    );
    if (!rows[0]) throw new Error("audit head row is missing");
    return { seq: Number(rows[0].seq), hash: rows[0].hash };
  }

  /**
   * Runs one statement on `db` (a caller's transaction, counted by TypeORM's logger) or on the pool. An
   * unreachable store is SOURCE_UNAVAILABLE; any other failure reaches the caller as it is (StoreStatements.run).
   */
  private async run<R>(sql: string, params: unknown[], db?: Queryable): Promise<R[]> {
    if (db) return rowsOf<R>(await db.query(sql, params));
    return this.sql.run<R>(sql, params);
  }
}

/** pg results carry `rows`; TypeORM's manager and query runner return the rows themselves. */
function rowsOf<R>(result: unknown): R[] {
  if (Array.isArray(result)) return result as R[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as R[]) : [];
}

function toChainRow(r: RawRow): ChainRow {
  return { seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash, entry: r.entry };
}
