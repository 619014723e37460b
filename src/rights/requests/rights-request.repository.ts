import type { DataSource, EntityManager } from "typeorm";
import type { RightsRequest } from "./rights-request";
import { RequestSql, REQUESTS_BY_SUBJECT_SQL, toRequest, type RequestRow } from "./rights-request.sql";
import { StoreStatements } from "../../db/store-statements";
import { inStore } from "../../db/store-error";
import { ExpiringRows, expirySql } from "../../db/expiry-sql";
import type { Precondition, StatementPart } from "../../db/one-statement";

/** The connections and transactions of the rights-request statements (rights-request.sql.ts) on the privacy store. */
/** Retention of the gateway's own records: a request closed before the cut-off (tasks cascade). */
export const CLOSED_REQUEST_EXPIRY = expirySql("privacy.rights_request", "t.completed_at < $1::timestamptz");

export class RightsRequestRepository {
  private readonly statements: StoreStatements;
  /** Requests closed (completed or rejected) before the cut-off, for the retention run; their tasks go with them. */
  readonly closedRecords: ExpiringRows;

  constructor(private readonly ds: DataSource) {
    // The access report's read and the combined writes go straight to the pool (one statement each).
    this.statements = new StoreStatements("privacy", ds);
    this.closedRecords = new ExpiringRows(this.statements, CLOSED_REQUEST_EXPIRY);
  }

  /** Every request of one subject, oldest first. */
  async bySubject(subjectId: string): Promise<RightsRequest[]> {
    return (await this.statements.rows<RequestRow>(REQUESTS_BY_SUBJECT_SQL, [subjectId])).map(toRequest);
  }

  /**
   * Runs `work` in a transaction: the caller's when `manager` is given (so a portal action, its request and
   * their audit entries commit together), else a new one.
   */
  transaction<T>(work: (sql: RequestSql) => Promise<T>, manager?: EntityManager): Promise<T> {
    if (manager) return work(new RequestSql(manager));
    return inStore("privacy", () => this.ds.transaction((m) => work(new RequestSql(m))));
  }

  /** Parts written as ONE statement (db/one-statement.ts) on the privacy store; each returning part's rows by name. */
  combined(parts: readonly StatementPart[], requires: readonly Precondition[] = []): Promise<Record<string, unknown[]>> {
    return this.statements.combined(parts, requires);
  }

  /** Reads on a query runner of their own (released afterwards). */
  read<T>(work: (sql: RequestSql) => Promise<T>): Promise<T> {
    return inStore("privacy", async () => {
      const runner = this.ds.createQueryRunner();
      try {
        return await work(new RequestSql(runner.manager));
      } finally {
        await runner.release();
      }
    });
  }
}
