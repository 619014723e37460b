import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import type { Role } from "../../policy/roles";
import type { DataCategory } from "../../policy/categories";
import type { Purpose } from "../../policy/purposes";
import { StoreStatements } from "../../db/store-statements";
import { inStore } from "../../db/store-error";
import { sqlStats, type SqlStats } from "../../db/sql-stats";
import type { SubjectChoices } from "../../access/subject-choices";
import { type ActiveDirective, type DirectiveHistoryEntry, type DirectiveKind, type NewDirective } from "./directive";
import { toSubjectChoices } from "./choices-in-force";
import { isUuid } from "../../common/uuid";
import type { StatementPart } from "../../db/one-statement";
import { ExpiringRows, expirySql } from "../../db/expiry-sql";

const ACTIVE_COLUMNS = `id, subject_id AS "subjectId", kind, purpose, category, reason, recorded_at AS "recordedAt",
  recorded_by_role AS "recordedByRole", policy_version AS "policyVersion"`;

/** In force for any number of subjects: one statement, served by the partial unique index. */
export const ACTIVE_BY_SUBJECTS_SQL = `SELECT ${ACTIVE_COLUMNS} FROM privacy.subject_directive
  WHERE subject_id = ANY($1::uuid[]) AND ended_at IS NULL`;

const HISTORY_SQL = `SELECT ${ACTIVE_COLUMNS}, ended_at AS "endedAt", ended_by_role AS "endedByRole"
  FROM privacy.subject_directive WHERE subject_id = $1 ORDER BY recorded_at, id`;

/**
 * The ERASED directive (directive.ts), written by an erasure that keeps the subject's crm record under a hold, in
 * the same statement or transaction as the erasure's holds. A repeat writes nothing.
 */
export const ERASED_SQL = `INSERT INTO privacy.subject_directive (subject_id, kind, recorded_by_role, policy_version)
  VALUES ($1::uuid, 'ERASED', $2, $3) ON CONFLICT DO NOTHING`;

export const erasedDirectivePart = (subjectId: string, by: RecordedBy): StatementPart =>
  ({ name: "erased_directive", text: ERASED_SQL, params: [subjectId, by.role, by.policyVersion] });

/** Retention of the gateway's own records: a directive that ended before the cut-off. */
export const ENDED_DIRECTIVE_EXPIRY = expirySql("privacy.subject_directive", "t.ended_at < $1::timestamptz");

/** The cell a directive concerns: a consent's (purpose, category), or an objection's purpose alone. */
export interface DirectiveCell {
  purpose: Purpose;
  category?: DataCategory | null;
}

/** Who records a directive and under which version of the policy. */
export interface RecordedBy {
  role: Role;
  policyVersion: string;
}

/** The subject's directives: the code that reads and changes privacy.subject_directive (the demo seeder also writes its sign-up consents: seed/demo-consents.ts). */
export class ChoicesRepository {
  private readonly sql: StoreStatements;
  /** Directives that ended before the cut-off (consents given again, objections withdrawn, restrictions lifted). */
  readonly endedRecords: ExpiringRows;

  constructor(
    private readonly ds: DataSource,
    stats: SqlStats = sqlStats,
  ) {
    // Reads go straight to the pool like the source adapters do (hot path: one statement per request).
    this.sql = new StoreStatements("privacy", ds, stats);
    this.endedRecords = new ExpiringRows(this.sql, ENDED_DIRECTIVE_EXPIRY);
  }

  /** The directives in force per subject, in the order asked. Ids that are not UUIDs have none. */
  async activeDirectives(subjectIds: readonly string[]): Promise<ActiveDirective[][]> {
    const ids = [...new Set(subjectIds.map((id) => id.toLowerCase()).filter(isUuid))];
    const rows = ids.length ? await this.sql.rows<ActiveDirective>(ACTIVE_BY_SUBJECTS_SQL, [ids]) : [];
    const bySubject = new Map<string, ActiveDirective[]>();
    for (const r of rows) {
      const list = bySubject.get(r.subjectId);
      if (list) list.push(r);
      else bySubject.set(r.subjectId, [r]);
    }
    return subjectIds.map((id) => bySubject.get(id.toLowerCase()) ?? []);
  }

  /** The state that overrides the matrix, per subject in the order asked (loader-friendly). */
  async loadActive(subjectIds: readonly string[]): Promise<SubjectChoices[]> {
    return (await this.activeDirectives(subjectIds)).map(toSubjectChoices);
  }

  /** Every directive ever recorded for the subject, ended ones included, oldest first. */
  async history(subjectId: string): Promise<DirectiveHistoryEntry[]> {
    if (!isUuid(subjectId)) return [];
    return this.sql.rows<DirectiveHistoryEntry>(HISTORY_SQL, [subjectId.toLowerCase()]);
  }

  /** Runs `work` in one transaction; whatever else writes through `tx.manager` commits or rolls back with it. */
  transaction<T>(work: (tx: DirectiveWrites) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.ds.transaction((manager) => work(new DirectiveWrites(manager))));
  }
}

/** The writes, bound to one transaction. */
export class DirectiveWrites {
  constructor(readonly manager: EntityManager) {}

  /** Records the directives not already in force; returns how many rows were added (0 when all were). */
  async record(subjectId: string, directives: readonly NewDirective[], by: RecordedBy): Promise<number> {
    if (directives.length === 0) return 0;
    const params: unknown[] = [subjectId.toLowerCase(), by.role, by.policyVersion];
    const values = directives.map((d) => {
      params.push(d.kind, d.purpose ?? null, d.category ?? null, d.reason ?? null);
      const n = params.length;
      return `($1, $${n - 3}, $${n - 2}, $${n - 1}, $${n}, $2, $3)`;
    });
    // The partial unique index makes a repeated directive a no-op, also under concurrent requests.
    const rows = await this.run(
      `INSERT INTO privacy.subject_directive (subject_id, kind, purpose, category, reason, recorded_by_role, policy_version)
       VALUES ${values.join(", ")} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    return rows.length;
  }

  /** Ends the directives of `kind` in force (rows are kept as evidence); returns how many ended. */
  async end(subjectId: string, kind: DirectiveKind, byRole: Role): Promise<number> {
    const rows = await this.run(
      `UPDATE privacy.subject_directive SET ended_at = now(), ended_by_role = $3
        WHERE subject_id = $1 AND kind = $2 AND ended_at IS NULL RETURNING id`,
      [subjectId.toLowerCase(), kind, byRole],
    );
    return rows.length;
  }

  /**
   * Ends the directives of `kind` in force for the given cells (a purpose with its category, or with none for an
   * objection); returns how many ended. The rows stay as evidence.
   */
  async endCells(subjectId: string, kind: DirectiveKind, cells: readonly DirectiveCell[], byRole: Role): Promise<number> {
    if (cells.length === 0) return 0;
    const rows = await this.run(
      `UPDATE privacy.subject_directive d SET ended_at = now(), ended_by_role = $3
        WHERE d.subject_id = $1 AND d.kind = $2 AND d.ended_at IS NULL
          AND EXISTS (SELECT 1 FROM unnest($4::text[], $5::text[]) AS c(purpose, category)
                       WHERE c.purpose = d.purpose AND c.category IS NOT DISTINCT FROM d.category)
        RETURNING d.id`,
      [subjectId.toLowerCase(), kind, byRole, cells.map((c) => c.purpose), cells.map((c) => c.category ?? null)],
    );
    return rows.length;
  }

  private async run(sql: string, params: unknown[]): Promise<unknown[]> {
    const runner = this.manager.queryRunner as QueryRunner;
    return (await runner.query(sql, params, true)).records ?? [];
  }
}
