import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { systemClock, type Clock } from "../../common/clock";
import { appError, ErrorCode } from "../../errors/error-code";
import { POLICY_VERSION } from "../../policy/policy-version";
import type { Actor } from "../../access/actor";
import type { RequestScope } from "../../access/permission-rules";
import type { SubjectExists } from "../choices/choices.service";
import type { AuditRecorder } from "../../audit/audit-entry";
import { handlerOf, handlerPatch, lockedRequest, requestEntry } from "./request-audit";
import * as rules from "./request-rules";
import { listPage, toViews, type RequestListFilter, type RequestPage } from "./request-views";
import {
  dueAtFor,
  RequestOutcome,
  RequestStatus,
  VerificationMethod,
  type IdDocumentAttestations,
  type OutcomeInput,
  type RightsRequest,
  type RightsRequestView,
  type SubmitRequestInput,
  type TaskSource,
  TaskStatus,
} from "./rights-request";
import type { RightsRequestRepository } from "./rights-request.repository";
import type { RequestPatch, RequestSql } from "./rights-request.sql";
import { assertId } from "../../common/uuid";
import { pageOf } from "../../common/page";

const ALL: RequestScope = { all: true };

/**
 * A request as its subject sees it: without the staff id of whoever handled it and the officer's handling notes
 * (the staff member's data and internal working notes; the role that acted and everything about the request stay).
 */
const forSubject = (view: RightsRequestView): RightsRequestView => ({ ...view, handler: null, notes: null });

type Detail = NonNullable<AuditEntryInput["detail"]>;
type Step = { action: AuditAction; patch: RequestPatch; detail?: Detail };

/**
 * Rights requests (SPEC §5): the privacy officer's side — registered, verified, worked on and closed within
 * 28 days. Every step is checked against the status machine under a row lock and written with its audit entry
 * in one transaction. Free text with a BSN is refused before anything is written. (Work done by code, and the
 * portal's own requests, go through RequestWorkService on the same rules.)
 * Who may call is decided by the central permission rules, not here.
 */
export class RightsRequestService {
  constructor(
    private readonly repository: RightsRequestRepository,
    private readonly audit: AuditRecorder,
    private readonly subjectExists: SubjectExists,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A request the privacy officer registers (typically from e-mail); it waits for verification. (Portal
   * actions register their own, already verified by the session: RequestWorkService.)
   */
  async submit(actor: Actor, input: SubmitRequestInput) {
    rules.assertText("notes", input.notes);
    const now = this.clock.now();
    const receivedAt = input.receivedAt ?? now;
    if (receivedAt.getTime() > now.getTime()) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "receivedAt" is in the future');
    const subjectId = await this.existingSubject(input.subjectId);
    return this.repository.transaction(async (sql) => {
      const id = await sql.insert({
        subjectId, type: input.type, channel: input.channel, receivedAt, dueAt: dueAtFor(receivedAt), status: RequestStatus.RECEIVED,
        verificationMethod: null, verifiedAt: null, ...handlerOf(actor), notes: input.notes ?? null, policyVersion: POLICY_VERSION,
      });
      const r = await lockedRequest(sql, id);
      await this.record(actor, r, AuditAction.RIGHTS_REQUEST_RECEIVED, sql, { method: null });
      return (await toViews(sql, [r], now))[0];
    });
  }

  async verify(actor: Actor, id: string, method: VerificationMethod, attestations?: IdDocumentAttestations | null) {
    return this.step(actor, id, RequestStatus.VERIFIED, (r) => {
      rules.assertVerification(r.channel, method, attestations);
      const a = method === VerificationMethod.ID_DOCUMENT ? attestations : null;
      const patch: RequestPatch = {
        verification_method: method,
        verified_at: this.clock.now(),
        attest_photo_hidden: a?.photoHidden ?? null,
        attest_mrz_hidden: a?.mrzHidden ?? null,
        attest_document_number_hidden: a?.documentNumberHidden ?? null,
        attest_bsn_hidden: a?.bsnHidden ?? null,
      };
      return { action: AuditAction.RIGHTS_REQUEST_VERIFIED, patch, detail: { method } };
    });
  }

  start(actor: Actor, id: string) {
    return this.step(actor, id, RequestStatus.IN_PROGRESS, () => ({ action: AuditAction.RIGHTS_REQUEST_STARTED, patch: {} }));
  }

  /** Closes the request; refused while a task is unfinished (PENDING, RUNNING or FAILED). */
  async complete(actor: Actor, id: string, outcome: OutcomeInput) {
    if (outcome.code === RequestOutcome.REJECTED) {
      throw appError(ErrorCode.BAD_USER_INPUT, "A refusal is recorded with rejectPrivacyRequest (reasons and complaint route)");
    }
    rules.assertText("outcome", outcome.text);
    return this.step(actor, id, RequestStatus.COMPLETED, async (r, sql) => {
      const open = (await sql.tasksOf([r.id])).filter((t) => !rules.isTaskFinal(t.status));
      if (open.length) {
        throw appError(ErrorCode.BAD_USER_INPUT, `The request has unfinished tasks: ${open.map((t) => `${t.source} ${t.status}`).join(", ")}`);
      }
      const patch = { outcome: outcome.code, outcome_text: outcome.text ?? null, completed_at: this.clock.now() };
      return { action: AuditAction.RIGHTS_REQUEST_COMPLETED, patch, detail: { outcome: outcome.code } };
    });
  }

  /** Refuses the request with reasons; the view then carries the AP complaint route. */
  async reject(actor: Actor, id: string, reasons: readonly string[]) {
    const clean = rules.assertReasons(reasons);
    return this.step(actor, id, RequestStatus.REJECTED, () => ({
      action: AuditAction.RIGHTS_REQUEST_REJECTED,
      patch: { outcome: RequestOutcome.REJECTED, rejection_reasons: clean, completed_at: this.clock.now() },
      detail: { reasons: clean.length },
    }));
  }

  /** Splits the work per source; a VERIFIED request becomes IN_PROGRESS. Sources already there are kept. */
  async addTasks(actor: Actor, id: string, sources: readonly TaskSource[]) {
    return this.step(actor, id, RequestStatus.IN_PROGRESS, async (r, sql) => {
      const added = await sql.insertTasks(r.id, [...new Set(sources)].map((source) => ({ source, status: TaskStatus.PENDING })));
      return { action: AuditAction.RIGHTS_REQUEST_TASKS_ADDED, patch: {}, detail: { sources: added } };
    }, true);
  }

  /**
   * The request; null when there is none. BAD_USER_INPUT for an id that cannot name one. Limited to one subject
   * (a customer token), a request of any other subject is NOT_FOUND, exactly as one that does not exist: the
   * answer never tells whether someone else's request id is real.
   */
  async get(id: string, scope: RequestScope = ALL): Promise<RightsRequestView | null> {
    assertId(id, "id", "request");
    const view = await this.repository.read(async (sql) => (await toViews(sql, await sql.byIds([id.toLowerCase()]), this.clock.now()))[0] ?? null);
    if (scope.all) return view;
    if (!view || view.subjectId !== scope.subjectId) throw appError(ErrorCode.NOT_FOUND, "No such request");
    return forSubject(view);
  }

  /** Every request of the subject, oldest first (its access report lists them). */
  async ofSubject(subjectId: string): Promise<RightsRequest[]> {
    return this.repository.bySubject(this.subjectIdOf(subjectId));
  }

  /** The worklist; limited to one subject (a customer token), that subject's requests whatever the filter names. */
  async list(filter: RequestListFilter, first = 50, after?: string | null, scope: RequestScope = ALL): Promise<RequestPage> {
    if (scope.all) return this.repository.read((sql) => listPage(sql, filter, first, after, this.clock.now()));
    if (!scope.subjectId) return pageOf([], 0, first);
    const page = await this.repository.read((sql) => listPage(sql, { ...filter, subjectId: scope.subjectId }, first, after, this.clock.now()));
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: forSubject(e.node) })) };
  }

  /**
   * One status change: lock, check the transition, let `decide` validate and describe it, write, audit.
   * `stayInProgress`: an IN_PROGRESS request may take the step without changing status (adding tasks).
   */
  private step(actor: Actor, id: string, to: RequestStatus, decide: (r: RightsRequest, sql: RequestSql) => Step | Promise<Step>, stayInProgress = false) {
    return this.repository.transaction(async (sql) => {
      const r = await lockedRequest(sql, id);
      const same = stayInProgress && r.status === to;
      if (!same) rules.assertTransition(r.status, to);
      const { action, patch, detail } = await decide(r, sql);
      await sql.update(r.id, { ...patch, ...(same ? {} : { status: to }), ...handlerPatch(actor) });
      const updated = await lockedRequest(sql, r.id);
      await this.record(actor, updated, action, sql, { from: r.status, ...detail });
      return (await toViews(sql, [updated], this.clock.now()))[0];
    });
  }

  /** Appended through the same transaction: the step and its evidence commit together. Codes only, no text. */
  private record(actor: Actor, r: RightsRequest, action: AuditAction, sql: RequestSql, detail: Detail) {
    return this.audit.record([requestEntry(actor, r, action, detail)], sql.manager);
  }

  private subjectIdOf(subjectId: string): string {
    assertId(subjectId, "subjectId", "subject");
    return subjectId.toLowerCase();
  }

  private async existingSubject(subjectId: string): Promise<string> {
    const id = this.subjectIdOf(subjectId);
    if (!(await this.subjectExists(id))) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    return id;
  }
}
