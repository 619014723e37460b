import type { Precondition, StatementPart } from "../../db/one-statement";
import type { TaskStatus } from "./rights-request";
import {
  INSERT_REQUEST_COLUMNS,
  INSERT_REQUEST_VALUES,
  INSERT_TASKS_SQL,
  requestParams,
  taskChangeParams,
  UPDATE_TASKS_SQL,
  updateStatement,
  type NewRequestRow,
  type NewTask,
  type RequestPatch,
  type TaskChange,
} from "./rights-request.sql";

/*
 * Writes of rights requests as parts of one combined statement (db/one-statement.ts): the portal's request
 * work in one round trip each. The statement texts are rights-request.sql.ts's own.
 */

/**
 * A new request with its tasks as parts of one combined statement (db/one-statement.ts). Its id is made by
 * the caller: the statement's other parts (holds, jobs, audit entries) name it, and cannot read it back.
 */
export function newRequestParts(id: string, r: NewRequestRow, tasks: readonly NewTask[]): StatementPart[] {
  return [
    {
      name: "rights_request",
      text: `INSERT INTO privacy.rights_request (${INSERT_REQUEST_COLUMNS}, id) VALUES (${INSERT_REQUEST_VALUES}, $15)`,
      params: [...requestParams(r), id],
    },
    { name: "rights_request_task", text: INSERT_TASKS_SQL("$1::uuid", "$2", "$3"), params: [id, tasks.map((t) => t.source), tasks.map((t) => t.status)] },
  ];
}

/**
 * Settling tasks as parts of one combined statement (db/one-statement.ts), for a caller that knows the
 * state it left the request in: IN_PROGRESS, each changed task `from`, and — when `requestPatch` completes
 * it — every other task `final`. Like every change of a task, the request's row is locked first. A task
 * that moved meanwhile is left alone (its UPDATE finds it changed), and the preconditions returned fail the
 * statement whole unless everything was as expected.
 */
export function settleKnownParts(
  requestId: string,
  from: TaskStatus,
  changes: readonly TaskChange[],
  final: readonly TaskStatus[],
  requestPatch?: RequestPatch,
): { parts: StatementPart[]; requires: Precondition[] } {
  const parts: StatementPart[] = [
    { name: "locked_request", text: `SELECT id FROM privacy.rights_request WHERE id = $1 AND status = 'IN_PROGRESS' FOR UPDATE`, params: [requestId] },
    {
      // UPDATE_TASKS_SQL numbers its own parameters from $2, so $1 is the request's id here too.
      name: "settled_task",
      text: `${UPDATE_TASKS_SQL} WHERE t.request_id = $1 AND t.request_id = (SELECT id FROM locked_request) AND t.source = c.source AND t.status = c.expected RETURNING t.source`,
      params: [requestId, ...taskChangeParams(changes, from)],
    },
  ];
  const requires = [{ sql: `(SELECT count(*) FROM settled_task) = ${changes.length}`, what: `request IN_PROGRESS with these tasks ${from}` }];
  if (requestPatch) {
    const update = updateStatement(requestId, requestPatch, 1);
    parts.push(
      { name: "completed_request", text: `${update.text} AND id IN (SELECT id FROM locked_request)`, params: update.params },
      {
        name: "open_task",
        text: `SELECT source FROM privacy.rights_request_task WHERE request_id = $1 AND NOT (source = ANY($2::text[])) AND NOT (status = ANY($3::text[]))`,
        params: [requestId, changes.map((c) => c.source), final],
      },
    );
    requires.push({ sql: `NOT EXISTS (SELECT 1 FROM open_task)`, what: "every other task final" });
  }
  return { parts, requires };
}
