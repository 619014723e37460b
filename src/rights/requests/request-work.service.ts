import { randomUUID } from "node:crypto";
import { systemClock, type Clock } from "../../common/clock";
import type { EntityManager } from "typeorm";
import { isPreconditionFailure, type StatementPart } from "../../db/one-statement";
import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { appError, ErrorCode } from "../../errors/error-code";
import { POLICY_VERSION } from "../../policy/policy-version";
import type { Actor } from "../../access/actor";
import { actsInPortal } from "../portal-requests";
import type { AuditRecorder } from "../../audit/audit-entry";
import { completedEntry, handlerOf, handlerPatch, lockedRequest, portalStartEntries, requestEntry, tasksUpdatedEntry, type RequestRef } from "./request-audit";
import * as rules from "./request-rules";
import {
  dueAtFor,
  RequestChannel,
  RequestOutcome,
  RequestStatus,
  TaskStatus,
  VerificationMethod,
  type OutcomeInput,
  type RightsRequest,
  type RightsRequestType,
} from "./rights-request";
import type { RightsRequestRepository } from "./rights-request.repository";
import type { NewTask, RequestPatch, RequestSql, TaskChange } from "./rights-request.sql";
import { newRequestParts, settleKnownParts } from "./rights-request.parts";
import { isUuid } from "../../common/uuid";

/** The audit trail as the work needs it: appended in a transaction, or as a part of one combined statement. */
export interface WorkAudit extends AuditRecorder {
  appendPart(entries: readonly AuditEntryInput[]): StatementPart;
}

/** What work done with a new portal request writes in the privacy store (parts of its one statement) and its evidence. */
export interface PortalWork {
  parts: StatementPart[];
  entries: AuditEntryInput[];
}

/** Which request the work is for: the VERIFIED request of that subject and type that the officer names. */
export interface WorkTarget {
  subjectId: string;
  type: RightsRequestType;
  requestId: string;
  /** The named request may also be IN_PROGRESS with a FAILED task, which is then tried again (no job retries it). */
  retryFailed?: boolean;
}

export interface SettleOptions {
  /** Close the request with this outcome once every task is final. */
  outcomeWhenDone?: OutcomeInput;
  /** Evidence of the work itself, appended with the status changes. */
  entries?: readonly AuditEntryInput[];
  manager?: EntityManager;
}

/**
 * The machine side of rights requests: a request whose work is split per source store and done by code
 * (erasure, rectification), as opposed to the officer's steps in RightsRequestService. Both ends of the work
 * are ONE transaction each — for a new portal request ONE statement each — with every audit entry appended
 * in one go: the request is opened with its tasks (and whatever `work` writes in the same store), and
 * results are settled — tasks, the request's completion and the evidence — together. The same status
 * machine (request-rules) is checked under the same row locks.
 */
export class RequestWorkService {
  constructor(
    private readonly repository: RightsRequestRepository,
    private readonly audit: WorkAudit,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Opens the work on a named request (a new portal request opens with `startPortal`): it becomes
   * IN_PROGRESS with `tasks`. With `retryFailed`, a request that is IN_PROGRESS already is worked again when
   * one of `tasks` FAILED (the officer retrying after a source outage): those start again (RUNNING). `work`
   * runs in the same transaction with the request's id and returns its own audit entries. Returns the id.
   */
  start(actor: Actor, target: WorkTarget, tasks: readonly NewTask[], manager: EntityManager | undefined, work: (requestId: string) => Promise<AuditEntryInput[]>): Promise<string> {
    return this.repository.transaction(async (sql) => {
      const entries: AuditEntryInput[] = [];
      let r: RequestRef;
      const before = await lockedRequest(sql, target.requestId);
      if (before.subjectId !== target.subjectId || before.type !== target.type) {
        throw appError(ErrorCode.BAD_USER_INPUT, `requestId must name a VERIFIED ${target.type} request of this subject`);
      }
      if (target.retryFailed && before.status === RequestStatus.IN_PROGRESS) {
        r = before;
        entries.push(...(await this.retry(actor, sql, before, tasks)));
      } else {
        rules.assertTransition(before.status, RequestStatus.IN_PROGRESS);
        await sql.update(before.id, { status: RequestStatus.IN_PROGRESS, ...handlerPatch(actor) });
        const added = await sql.insertTasks(before.id, tasks);
        r = { ...before, status: RequestStatus.IN_PROGRESS };
        entries.push(requestEntry(actor, r, AuditAction.RIGHTS_REQUEST_TASKS_ADDED, { from: before.status, sources: added }));
      }
      entries.push(...(await work(r.id)));
      await this.audit.record(entries, sql.manager);
      return r.id;
    }, manager);
  }

  /**
   * `start` for a new portal request, as ONE statement (db/one-statement.ts): the request, its tasks, the
   * parts `work` adds for the request's id, and every audit entry commit together in one round trip. There
   * is nothing to read or lock first (the request is new), so nothing needs a transaction around it.
   */
  async startPortal(actor: Actor, subjectId: string, type: RightsRequestType, tasks: readonly NewTask[], work: (requestId: string) => Promise<PortalWork>): Promise<RequestRef> {
    const id = randomUUID();
    const row = this.portalRow(actor, subjectId, type, RequestStatus.IN_PROGRESS);
    const r = { ...row, id };
    const own = await work(id);
    const entries = [...portalStartEntries(actor, r, tasks.map((t) => t.source)), ...own.entries];
    await this.repository.combined([...newRequestParts(id, row, tasks), ...own.parts, this.audit.appendPart(entries)]);
    return r;
  }

  /** Restarts the FAILED ones of `tasks` (and adds those the request lacks); refused if none FAILED. */
  private async retry(actor: Actor, sql: RequestSql, r: RightsRequest, tasks: readonly NewTask[]): Promise<AuditEntryInput[]> {
    const current = new Map((await sql.tasksOf([r.id])).map((t) => [t.source, t.status]));
    const failed = tasks.filter((t) => current.get(t.source) === TaskStatus.FAILED);
    if (failed.length === 0) {
      throw appError(ErrorCode.BAD_USER_INPUT, "The request is IN_PROGRESS with no failed task to retry", { status: r.status });
    }
    const restart = failed.map((t) => ({ source: t.source, status: TaskStatus.RUNNING, errorCode: null }));
    await sql.updateTasks(r.id, restart, handlerPatch(actor));
    const added = await sql.insertTasks(r.id, tasks);
    return [
      ...(added.length ? [requestEntry(actor, r, AuditAction.RIGHTS_REQUEST_TASKS_ADDED, { from: r.status, sources: added })] : []),
      tasksUpdatedEntry(actor, r, restart.map((c) => ({ ...c, from: TaskStatus.FAILED }))),
    ];
  }

  /**
   * A portal action done at once (an access report, a consent withdrawn): its request is stored already
   * COMPLETED with `outcome`, and its RECEIVED and COMPLETED entries are appended with the action's own
   * `entries` — one statement and one append, in the caller's transaction when `manager` is given.
   */
  fulfilled(actor: Actor, subjectId: string, type: RightsRequestType, entries: readonly AuditEntryInput[], manager?: EntityManager): Promise<string> {
    return this.repository.transaction(async (sql) => {
      const outcome = { code: RequestOutcome.FULFILLED };
      const row = this.portalRow(actor, subjectId, type, RequestStatus.COMPLETED);
      const id = await sql.insert({ ...row, outcome: outcome.code, completedAt: row.receivedAt });
      const r = { ...row, id };
      await this.audit.record([
        ...entries,
        requestEntry(actor, { ...r, status: RequestStatus.VERIFIED }, AuditAction.RIGHTS_REQUEST_RECEIVED, { method: VerificationMethod.PORTAL_LOGIN }),
        requestEntry(actor, r, AuditAction.RIGHTS_REQUEST_COMPLETED, { from: RequestStatus.VERIFIED, outcome: outcome.code }),
      ], sql.manager);
      return id;
    }, manager);
  }

  /**
   * A new portal request of the subject: verified by the session (PORTAL_LOGIN) as it is received. Only the
   * subject's own token makes one; staff work the requests they register (a guard behind every caller's own).
   */
  private portalRow(actor: Actor, subjectId: string, type: RightsRequestType, status: RequestStatus) {
    if (!actsInPortal(actor)) throw appError(ErrorCode.BAD_USER_INPUT, `Staff act under a request: requestId must name a VERIFIED ${type} request of this subject`);
    const now = this.clock.now();
    return {
      subjectId, type, channel: RequestChannel.PORTAL, receivedAt: now, dueAt: dueAtFor(now), status,
      verificationMethod: VerificationMethod.PORTAL_LOGIN, verifiedAt: now, ...handlerOf(actor), notes: null, policyVersion: POLICY_VERSION,
    };
  }

  /**
   * Records the results of work on several tasks at once (an inline run, or one job's attempt) and, with
   * `outcomeWhenDone`, completes the request when every task is final. Only while the request is
   * IN_PROGRESS. Returns the request's status afterwards.
   */
  settle(actor: Actor, id: string, changes: readonly TaskChange[], options: SettleOptions = {}): Promise<RequestStatus> {
    changes.forEach(rules.assertTaskChange);
    return this.repository.transaction(async (sql) => {
      const locked = isUuid(id) ? await sql.lockWithTasks(id.toLowerCase()) : null;
      if (!locked) throw appError(ErrorCode.NOT_FOUND, "No such rights request");
      const r = locked.request;
      if (r.status !== RequestStatus.IN_PROGRESS) throw appError(ErrorCode.BAD_USER_INPUT, `Tasks of a ${r.status} request cannot change`);
      // Every change of a task takes the request's row lock first, so the tasks read with it stay as read.
      const status = new Map(locked.tasks.map((t) => [t.source, t.status]));
      const moves = changes.map((c) => {
        const from = status.get(c.source);
        if (!from) throw appError(ErrorCode.NOT_FOUND, `The request has no ${c.source} task`);
        rules.assertTaskTransition(from, c.status);
        status.set(c.source, c.status);
        return { ...c, from };
      });
      const entries = [...(options.entries ?? []), ...(moves.length ? [tasksUpdatedEntry(actor, r, moves)] : [])];
      const outcome = options.outcomeWhenDone;
      const completes = !!outcome && [...status.values()].every(rules.isTaskFinal);
      if (outcome && completes) {
        await sql.updateTasks(r.id, changes, this.completion(outcome));
        entries.push(completedEntry(actor, r, outcome));
      } else {
        await sql.updateTasks(r.id, changes);
      }
      await this.audit.record(entries, sql.manager);
      return completes ? RequestStatus.COMPLETED : r.status;
    }, options.manager);
  }

  /**
   * `settle` as ONE statement, for the caller that knows the state it left the request in: IN_PROGRESS
   * and each changed task `from` (and, to complete it, every other task final). The entries are written
   * for that state and the statement requires it under the request's lock, with `parts` (the caller's own
   * writes in the privacy store) committed alongside. Returns null, having written nothing, when the state
   * moved meanwhile (a job or an officer got there first): the caller then settles the general way.
   */
  async settleKnown(actor: Actor, r: RequestRef, from: TaskStatus, changes: readonly TaskChange[], options: Omit<SettleOptions, "manager"> & { parts?: readonly StatementPart[] } = {}): Promise<RequestStatus | null> {
    for (const c of changes) {
      rules.assertTaskChange(c);
      rules.assertTaskTransition(from, c.status);
    }
    const entries = [...(options.entries ?? []), ...(changes.length ? [tasksUpdatedEntry(actor, r, changes.map((c) => ({ ...c, from })))] : [])];
    const outcome = options.outcomeWhenDone;
    const completes = !!outcome && changes.every((c) => rules.isTaskFinal(c.status));
    if (outcome && completes) entries.push(completedEntry(actor, r, outcome));
    const patch = outcome && completes ? this.completion(outcome) : undefined;
    const { parts, requires } = settleKnownParts(r.id, from, changes, rules.FINAL_TASK_STATUSES, patch);
    try {
      await this.repository.combined([...parts, ...(options.parts ?? []), this.audit.appendPart(entries)], requires);
    } catch (err) {
      if (isPreconditionFailure(err)) return null;
      throw err;
    }
    return completes ? RequestStatus.COMPLETED : r.status;
  }

  /** The request's columns when it completes with `outcome`. */
  private completion(outcome: OutcomeInput): RequestPatch {
    return { status: RequestStatus.COMPLETED, outcome: outcome.code, outcome_text: outcome.text ?? null, completed_at: this.clock.now() };
  }
}
