import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { appError, ErrorCode } from "../../errors/error-code";
import { POLICY_VERSION } from "../../policy/policy-version";
import { isStaffRole } from "../../policy/roles";
import type { Actor } from "../../access/actor";
import { RequestStatus, VerificationMethod, type RightsRequest, type TaskSource, type TaskStatus } from "./rights-request";

/** A request as its audit entries name it. */
export type RequestRef = Pick<RightsRequest, "id" | "subjectId" | "type" | "channel" | "status">;
import type { RequestPatch, RequestSql } from "./rights-request.sql";
import { assertId } from "../../common/uuid";

type AuditDetail = NonNullable<AuditEntryInput["detail"]>;

/**
 * The pieces every change of a rights request shares: its audit entry (codes only, no free text), who
 * becomes its handler, and the row lock under which its status is checked.
 */
export function requestEntry(
  actor: Actor,
  r: RequestRef,
  action: AuditAction,
  detail: AuditDetail,
): AuditEntryInput {
  return {
    action, actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId: r.subjectId, categories: [],
    requestId: actor.requestId, policyVersion: POLICY_VERSION,
    detail: { rightsRequest: r.id, type: r.type, channel: r.channel, status: r.status, ...detail },
  };
}

/** A new portal request was RECEIVED (verified by the session) and moved on to IN_PROGRESS with tasks for `sources`. */
export function portalStartEntries(actor: Actor, r: RequestRef, sources: readonly TaskSource[]): AuditEntryInput[] {
  return [
    requestEntry(actor, { ...r, status: RequestStatus.VERIFIED }, AuditAction.RIGHTS_REQUEST_RECEIVED, { method: VerificationMethod.PORTAL_LOGIN }),
    requestEntry(actor, r, AuditAction.RIGHTS_REQUEST_TASKS_ADDED, { from: RequestStatus.VERIFIED, sources }),
  ];
}

/** A task moving `from` → `status` (with the error code of a FAILED attempt). */
export interface TaskMove {
  source: TaskSource;
  from: TaskStatus;
  status: TaskStatus;
  errorCode: string | null;
}

/**
 * The tasks one change of the request moved, as ONE entry: they move together (one transaction or
 * statement), so one entry states it. Every settle path writes exactly this, so the trail reads the same.
 */
export function tasksUpdatedEntry(actor: Actor, r: RequestRef, moves: readonly TaskMove[]): AuditEntryInput {
  const tasks = moves.map((m) => ({ source: m.source, from: m.from, to: m.status, errorCode: m.errorCode }));
  return requestEntry(actor, r, AuditAction.RIGHTS_REQUEST_TASK_UPDATED, { tasks });
}

/** The request, IN_PROGRESS until now, COMPLETED with `outcome`. */
export function completedEntry(actor: Actor, r: RequestRef, outcome: { code: string }): AuditEntryInput {
  return requestEntry(actor, { ...r, status: RequestStatus.COMPLETED }, AuditAction.RIGHTS_REQUEST_COMPLETED, { from: r.status, outcome: outcome.code });
}

/** Staff who act become the handler; a customer acting on their own request does not. */
export function handlerOf(actor: Actor) {
  return isStaffRole(actor.role) ? { handler: actor.actor, handlerRole: actor.role } : { handler: null, handlerRole: null };
}

export function handlerPatch(actor: Actor): RequestPatch {
  return isStaffRole(actor.role) ? { handler: actor.actor, handler_role: actor.role } : {};
}

/** The request, locked until the transaction ends; NOT_FOUND when there is none. */
export async function lockedRequest(sql: RequestSql, id: string): Promise<RightsRequest> {
  assertId(id, "id", "request");
  const r = await sql.lock(id.toLowerCase());
  if (!r) throw appError(ErrorCode.NOT_FOUND, "No such rights request");
  return r;
}
