import type { EntityManager } from "typeorm";
import type { RightsRequest, RightsRequestTask, TaskSource, TaskStatus } from "./rights-request";
import { OPEN_STATUSES } from "./request-rules";

/*
 * The SQL of privacy.rights_request and privacy.rights_request_task: with rights-request.parts.ts (the same
 * writes as parts of one combined statement), the only code that knows those tables
 * (RightsRequestRepository opens the connections and transactions these statements run in).
 */

const COLUMNS = `id, subject_id AS "subjectId", type, channel, received_at AS "receivedAt", due_at AS "dueAt", status,
  verification_method AS "verificationMethod", attest_photo_hidden AS "photoHidden", attest_mrz_hidden AS "mrzHidden",
  attest_document_number_hidden AS "documentNumberHidden", attest_bsn_hidden AS "bsnHidden",
  verified_at AS "verifiedAt", handler, handler_role AS "handlerRole", notes, outcome, outcome_text AS "outcomeText",
  rejection_reasons AS "rejectionReasons", completed_at AS "completedAt", policy_version AS "policyVersion",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Every request of one subject ($1), oldest first (its access report; the bench's raw report runs it too). */
export const REQUESTS_BY_SUBJECT_SQL = `SELECT ${COLUMNS} FROM privacy.rights_request WHERE subject_id = $1 ORDER BY received_at, id`;

const TASK_COLUMNS = `request_id AS "requestId", source, status, attempts, last_error_code AS "lastErrorCode", updated_at AS "updatedAt"`;

/** Filters of the officer's worklist; the time-based ones are computed from `now` (the service's clock). */
export interface RequestRowFilter {
  status: string | null;
  open: boolean | null;
  subjectId: string | null;
  dueBefore: Date | null;
  overdue: boolean | null;
  /** Received at or before this instant (now − 21 days) and still open. */
  dueSoonSince: Date;
  dueSoon: boolean | null;
  now: Date;
}

/** A task as created: PENDING, or already DONE by work done in the creating transaction (one attempt). */
export interface NewTask {
  source: TaskSource;
  status: TaskStatus;
}

/** A task's new status; the error code goes with FAILED only. */
export interface TaskChange {
  source: TaskSource;
  status: TaskStatus;
  errorCode: string | null;
}

export const INSERT_TASKS_SQL = (requestId: string, sources: string, statuses: string) =>
  `INSERT INTO privacy.rights_request_task (request_id, source, status, attempts)
   SELECT ${requestId}, t.source, t.status, CASE WHEN t.status = 'PENDING' THEN 0 ELSE 1 END
     FROM unnest(${sources}::text[], ${statuses}::text[]) AS t(source, status)
   ON CONFLICT DO NOTHING`;

/** The column values a new request is stored with; outcome and completedAt only when it is stored closed. */
export type NewRequestRow = Pick<
  RightsRequest,
  "subjectId" | "type" | "channel" | "receivedAt" | "dueAt" | "status" | "verificationMethod" | "verifiedAt" | "handler" | "handlerRole" | "notes" | "policyVersion"
> & Partial<Pick<RightsRequest, "outcome" | "completedAt">>;

export const INSERT_REQUEST_COLUMNS = `subject_id, type, channel, received_at, due_at, status,
    verification_method, verified_at, handler, handler_role, notes, policy_version, outcome, completed_at`;
export const INSERT_REQUEST_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14`;
const INSERT_REQUEST_SQL = `INSERT INTO privacy.rights_request (${INSERT_REQUEST_COLUMNS}) VALUES (${INSERT_REQUEST_VALUES}) RETURNING id`;

export const requestParams = (r: NewRequestRow) => [
  r.subjectId, r.type, r.channel, r.receivedAt, r.dueAt, r.status, r.verificationMethod, r.verifiedAt, r.handler, r.handlerRole,
  r.notes, r.policyVersion, r.outcome ?? null, r.completedAt ?? null,
];

/** A change to a request; keys are column names (fixed by the service, never taken from input). */
export type RequestPatch = Partial<Record<
  | "status" | "verification_method" | "attest_photo_hidden" | "attest_mrz_hidden" | "attest_document_number_hidden"
  | "attest_bsn_hidden" | "verified_at" | "handler" | "handler_role" | "outcome" | "outcome_text" | "rejection_reasons"
  | "completed_at",
  unknown
>>;

export type RequestRow = Omit<RightsRequest, "attestations"> & { photoHidden: boolean | null; mrzHidden: boolean | null; documentNumberHidden: boolean | null; bsnHidden: boolean | null };

export const toRequest = ({ photoHidden, mrzHidden, documentNumberHidden, bsnHidden, ...r }: RequestRow): RightsRequest => ({
  ...r,
  attestations: photoHidden === null ? null : { photoHidden, mrzHidden: !!mrzHidden, documentNumberHidden: !!documentNumberHidden, bsnHidden: !!bsnHidden },
});

/**
 * Task statuses from `unnest($2 sources, $3 statuses, $4 codes, [$5 expected statuses]) AS c`; the caller
 * adds the WHERE. The last failure's code stays while the task is retried and is cleared when it is DONE. An attempt is counted when a task
 * starts (RUNNING) or, when work is done without announcing a start, when it ends.
 */
export const UPDATE_TASKS_SQL = `UPDATE privacy.rights_request_task t SET status = c.status, updated_at = now(),
    last_error_code = CASE WHEN c.status = 'FAILED' THEN c.code WHEN c.status = 'DONE' THEN NULL ELSE t.last_error_code END,
    attempts = t.attempts + CASE WHEN c.status = 'RUNNING' OR (c.status IN ('DONE', 'FAILED') AND t.status = 'PENDING') THEN 1 ELSE 0 END
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS c(source, status, code, expected)`;

export const taskChangeParams = (changes: readonly TaskChange[], expected: TaskStatus | null = null) =>
  [changes.map((c) => c.source), changes.map((c) => c.status), changes.map((c) => c.errorCode), changes.map(() => expected)];

/** UPDATE of one request: `$idParam` is its id; the patch's values are numbered after `offset` parameters. */
export function updateStatement(id: string, patch: RequestPatch, idParam: number, offset = 1) {
  const keys = Object.keys(patch) as (keyof RequestPatch)[];
  const sets = keys.map((k, i) => `${k} = $${offset + i + 1}`);
  return {
    text: `UPDATE privacy.rights_request SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = $${idParam}`,
    params: [id, ...keys.map((k) => patch[k])],
  };
}

/** The statements, bound to one EntityManager (and so to one transaction when it has one). */
export class RequestSql {
  constructor(readonly manager: EntityManager) {}

  async insert(r: NewRequestRow): Promise<string> {
    const [row] = await this.run<{ id: string }>(INSERT_REQUEST_SQL, requestParams(r));
    return row.id;
  }

  /** The request, locked until the transaction ends (status changes are checked against a stable row). */
  async lock(id: string): Promise<RightsRequest | null> {
    const [row] = await this.run<RequestRow>(`SELECT ${COLUMNS} FROM privacy.rights_request WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toRequest(row) : null;
  }

  async update(id: string, patch: RequestPatch): Promise<void> {
    const { text, params } = updateStatement(id, patch, 1);
    await this.run(text, params);
  }

  /** The request locked (as `lock`) with its tasks' statuses, in one statement. */
  async lockWithTasks(id: string): Promise<{ request: RightsRequest; tasks: Pick<RightsRequestTask, "source" | "status">[] } | null> {
    const [row] = await this.run<RequestRow & { tasks: Pick<RightsRequestTask, "source" | "status">[] }>(
      `SELECT ${COLUMNS}, (SELECT coalesce(json_agg(json_build_object('source', t.source, 'status', t.status) ORDER BY t.source), '[]'::json)
         FROM privacy.rights_request_task t WHERE t.request_id = r.id) AS tasks
       FROM privacy.rights_request r WHERE r.id = $1 FOR UPDATE OF r`,
      [id],
    );
    if (!row) return null;
    const { tasks, ...request } = row;
    return { request: toRequest(request), tasks };
  }

  async byIds(ids: readonly string[]): Promise<RightsRequest[]> {
    const rows = await this.run<RequestRow>(`SELECT ${COLUMNS} FROM privacy.rights_request WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toRequest);
  }

  /** One page ordered by deadline (most urgent first), after the (dueAt, id) of the previous page's last row. */
  async page(f: RequestRowFilter, limit: number, after: { dueAt: Date; id: string } | null): Promise<RightsRequest[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    // Only parameters a statement uses are bound: PostgreSQL cannot type an unused one.
    const isOpen = () => `status = ANY(${p(OPEN_STATUSES)}::text[])`;
    if (f.status) where.push(`status = ${p(f.status)}`);
    if (f.open != null) where.push(`${f.open ? "" : "NOT "}${isOpen()}`);
    if (f.subjectId) where.push(`subject_id = ${p(f.subjectId)}::uuid`);
    if (f.dueBefore) where.push(`due_at < ${p(f.dueBefore)}`);
    if (f.overdue != null) where.push(`${f.overdue ? "" : "NOT "}(${isOpen()} AND due_at < ${p(f.now)})`);
    if (f.dueSoon != null) where.push(`${f.dueSoon ? "" : "NOT "}(${isOpen()} AND received_at <= ${p(f.dueSoonSince)})`);
    if (after) where.push(`(due_at, id) > (${p(after.dueAt)}, ${p(after.id)}::uuid)`);
    const rows = await this.run<RequestRow>(
      `SELECT ${COLUMNS} FROM privacy.rights_request ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY due_at, id LIMIT ${p(limit)}`,
      params,
    );
    return rows.map(toRequest);
  }

  /** Adds the tasks not there yet; returns the sources added. */
  async insertTasks(requestId: string, tasks: readonly NewTask[]): Promise<TaskSource[]> {
    const rows = await this.run<{ source: TaskSource }>(`${INSERT_TASKS_SQL("$1::uuid", "$2", "$3")} RETURNING source`, [
      requestId,
      tasks.map((t) => t.source),
      tasks.map((t) => t.status),
    ]);
    return rows.map((r) => r.source);
  }

  /** Sets task statuses in one statement (UPDATE_TASKS_SQL), with the request's own change when given. */
  async updateTasks(requestId: string, changes: readonly TaskChange[], requestPatch?: RequestPatch): Promise<void> {
    const tasks = `${UPDATE_TASKS_SQL} WHERE t.request_id = $1 AND t.source = c.source`;
    const params = [requestId, ...taskChangeParams(changes)];
    if (!requestPatch) return void (await this.run(tasks, params));
    // With the request's own change (its completion): one statement, so one round trip.
    const update = updateStatement(requestId, requestPatch, 1, params.length);
    await this.run(`WITH tasks AS (${tasks}) ${update.text}`, [...params, ...update.params.slice(1)]);
  }

  async tasksOf(requestIds: readonly string[]): Promise<RightsRequestTask[]> {
    return this.run<RightsRequestTask>(
      `SELECT ${TASK_COLUMNS} FROM privacy.rights_request_task WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, source`,
      [requestIds],
    );
  }

  private async run<T>(sql: string, params: unknown[]): Promise<T[]> {
    const runner = this.manager.queryRunner;
    // Structured results: UPDATE … RETURNING and SELECT come back the same way.
    if (runner) return ((await runner.query(sql, params, true)).records ?? []) as T[];
    return (await this.manager.query(sql, params)) as T[];
  }
}
