import { GraphQLError } from "graphql";
import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { appError, ErrorCode } from "../../errors/error-code";
import { POLICY_VERSION } from "../../policy/policy-version";
import type { CustomerChanges, CustomerRecord } from "../../sources/crm/crm.adapter";
import { failureCode } from "../../db/store-error";
import type { Actor } from "../../access/actor";
import { actsInPortal } from "../portal-requests";
import { RequestOutcome, RightsRequestType, TaskSource, TaskStatus } from "../requests/rights-request";
import type { RequestWorkService } from "../requests/request-work.service";
import { categoriesOf, RECTIFIABLE_FIELD_NAMES } from "./rectification.fields";
import type { RectificationResult } from "./rectification-result.type";
import { validateRectification } from "./rectification.validation";
import { assertId } from "../../common/uuid";

/** The owning source as this service needs it (CrmAdapter satisfies it). */
export interface CustomerStore {
  findByIds(ids: readonly string[]): Promise<(CustomerRecord | null)[]>;
  /** One statement; false when there is no such customer. */
  rectify(id: string, changes: CustomerChanges): Promise<boolean>;
}

/** The audit trail, appended outside any transaction (AuditService satisfies it). */
export interface RectificationAudit {
  record(entries: readonly AuditEntryInput[]): Promise<void>;
}

/** The rights request a rectification is registered under (RequestWorkService satisfies it). */
export type RectificationRequests = Pick<RequestWorkService, "start" | "startPortal" | "settle">;

/** The stages of a rectification in the trail (detail.outcome). */
export type RectificationOutcome = "REQUESTED" | "APPLIED" | "FAILED" | "NOT_FOUND";

const SOURCE = TaskSource.CRM;

/**
 * Rectification (art. 16, SPEC §5): validates, writes to the owning source (crm) only, and audits the
 * fields and categories changed, never the values. Billing is never touched: issued invoices are not
 * edited in place, and the input has no field that could reach them. Who may call (the subject on itself,
 * the privacy officer on anyone) is decided by the central permission rules, not here.
 *
 * crm and the audit trail may live in different databases, so the change and its audit entry cannot share
 * a transaction. The entry is therefore written FIRST (outcome REQUESTED): no change can ever exist without
 * an entry naming who asked for it. If that write fails, nothing is changed (AUDIT_UNAVAILABLE). After the
 * crm statement a second entry records the outcome: APPLIED, NOT_FOUND (the subject vanished meanwhile) or
 * FAILED (crm refused or was down; the caller gets SOURCE_UNAVAILABLE and may retry). If that second entry
 * cannot be written, the change stands and the caller gets its result; the failure goes to `onAuditError`
 * (the log), and a REQUESTED entry without an outcome reads as "outcome unknown: check crm".
 *
 * A rectification in the portal, or one the officer makes for a VERIFIED request (`requestId`), goes through
 * its rights request: the REQUESTED entry commits with the request opened IN_PROGRESS with a crm task, and
 * the outcome entry with the task's result — DONE, which completes the request FULFILLED, or FAILED with its
 * code, which leaves it open in the officer's worklist. Should that last write fail, the request stays
 * IN_PROGRESS with its crm task PENDING: visible, so the outcome is checked rather than lost.
 */
export class RectificationService {
  constructor(
    private readonly crm: CustomerStore,
    private readonly audit: RectificationAudit,
    private readonly requests: RectificationRequests,
    private readonly onAuditError: (err: unknown) => void = () => {},
  ) {}

  async rectify(actor: Actor, rawSubjectId: string, input: Readonly<Record<string, unknown>>, requestId: string | null = null): Promise<RectificationResult> {
    assertId(rawSubjectId, "subjectId", "subject");
    const subjectId = rawSubjectId.toLowerCase();
    const [current] = await this.crm.findByIds([subjectId]);
    if (!current) throw appError(ErrorCode.NOT_FOUND, "No such subject");

    // Throws BAD_USER_INPUT before anything is written anywhere (a BSN in free text included).
    const changes = validateRectification(input, current.country);
    const changedFields = RECTIFIABLE_FIELD_NAMES.filter((f) => f in changes);
    const categories = categoriesOf(changedFields);
    const entry = (outcome: RectificationOutcome): AuditEntryInput => ({
      action: AuditAction.RECTIFICATION_RECORDED,
      actor: actor.actor,
      role: actor.role,
      purpose: actor.purpose,
      subjectId,
      categories,
      requestId: actor.requestId,
      detail: { outcome, source: SOURCE, fields: changedFields },
      policyVersion: POLICY_VERSION,
    });

    const tasks = [{ source: SOURCE, status: TaskStatus.PENDING }];
    let opened: string | null = null;
    try {
      if (requestId) {
        // A named request whose crm task FAILED (crm was down) is retried by naming it again.
        const target = { subjectId, type: RightsRequestType.RECTIFY, requestId, retryFailed: true };
        opened = await this.requests.start(actor, target, tasks, undefined, async () => [entry("REQUESTED")]);
      } else if (actsInPortal(actor)) {
        opened = (await this.requests.startPortal(actor, subjectId, RightsRequestType.RECTIFY, tasks, async () => ({ parts: [], entries: [entry("REQUESTED")] }))).id;
      } else {
        await this.audit.record([entry("REQUESTED")]);
      }
    } catch (err) {
      if (err instanceof GraphQLError) throw err; // the named request is not this subject's VERIFIED rectification
      this.onAuditError(err);
      throw appError(ErrorCode.AUDIT_UNAVAILABLE, "The audit trail could not be written; nothing was changed");
    }

    let found: boolean;
    try {
      found = await this.crm.rectify(subjectId, changes);
    } catch (err) {
      await this.recordOutcome(actor, opened, entry("FAILED"), failureCode(err));
      throw err; // StoreUnavailableError: the client sees SOURCE_UNAVAILABLE naming crm, never the driver text
    }
    if (!found) {
      await this.recordOutcome(actor, opened, entry("NOT_FOUND"), ErrorCode.NOT_FOUND);
      throw appError(ErrorCode.NOT_FOUND, "No such subject");
    }
    await this.recordOutcome(actor, opened, entry("APPLIED"), null);
    return { subjectId, changedFields, categories, source: SOURCE, requestId: opened };
  }

  /** The outcome entry, with the request's crm task settled when there is a request. Never throws: see the class comment. */
  private async recordOutcome(actor: Actor, requestId: string | null, e: AuditEntryInput, errorCode: string | null): Promise<void> {
    try {
      if (!requestId) return await this.audit.record([e]);
      const change = { source: SOURCE, status: errorCode ? TaskStatus.FAILED : TaskStatus.DONE, errorCode };
      await this.requests.settle(actor, requestId, [change], { outcomeWhenDone: { code: RequestOutcome.FULFILLED }, entries: [e] });
    } catch (err) {
      this.onAuditError(err);
    }
  }
}
