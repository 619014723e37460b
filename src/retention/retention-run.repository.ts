import type { DataSource, EntityManager } from "typeorm";
import { StoreStatements } from "../db/store-statements";
import { inStore } from "../db/store-error";
import type { RetentionReport } from "./retention-report";

/** A past run as `retentionRuns` lists it. */
export interface RetentionRun extends RetentionReport {
  id: string;
  /** The order runs were recorded in (the cursor). */
  seq: string;
  /** Who ran it: a staff id, or the schedule. */
  actor: string;
}

const COLUMNS = `id, seq::text AS seq, ran_at AS "ranAt", to_char(today, 'YYYY-MM-DD') AS today, dry_run AS "dryRun", actor, parts`;

const INSERT_SQL = `INSERT INTO privacy.retention_run (ran_at, today, dry_run, actor, role, parts)
  VALUES ($1, $2::date, $3, $4, $5, $6::jsonb) RETURNING id`;

// Newest recorded first; the cursor is the seq of the last row.
const PAGE_SQL = `SELECT ${COLUMNS} FROM privacy.retention_run
  WHERE ($1::bigint IS NULL OR seq < $1) ORDER BY seq DESC LIMIT $2`;

/** The register of retention runs: the only code that knows privacy.retention_run. */
export class RetentionRunRepository {
  private readonly sql: StoreStatements;

  constructor(private readonly ds: DataSource) {
    this.sql = new StoreStatements("privacy", ds);
  }

  /** Runs `work` in one privacy transaction (the run's row and its audit entry commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.ds.transaction(work));
  }

  async insert(manager: EntityManager, report: RetentionReport, actor: string, role: string | null): Promise<string> {
    const [row] = (await manager.query(INSERT_SQL, [report.ranAt, report.today, report.dryRun, actor, role, JSON.stringify(report.parts)])) as { id: string }[];
    return row.id;
  }

  page(afterSeq: string | null, limit: number): Promise<RetentionRun[]> {
    return this.sql.rows<RetentionRun>(PAGE_SQL, [afterSeq, limit]);
  }
}
