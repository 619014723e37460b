import type { DataCategory } from "../../policy/categories";
import type { Purpose } from "../../policy/purposes";
import { POLICY_VERSION } from "../../policy/policy-version";
import { AuditAction, type AuditEntryInput, type AuditRecorder } from "../../audit/audit-entry";
import { GraphQLError } from "graphql";
import { appError, ErrorCode } from "../../errors/error-code";
import { isUnreachable } from "../../db/store-error";
import type { SubjectChoices } from "../../access/subject-choices";
import type { Actor } from "../../access/actor";
import { RightsRequestType } from "../requests/rights-request";
import { actsInPortal, type PortalRequests } from "../portal-requests";
import { DirectiveKind, type RestrictionReason } from "./directive";
import type { DirectiveWrites, ChoicesRepository } from "./choices.repository";
import { basisOf, categoriesObjectable, CONSENT_CELLS, OBJECTABLE_PURPOSES, RESTRICTABLE_CATEGORIES } from "../../policy/policy-cells";
import { toPrivacyStatus } from "./privacy-status";
import type { SubjectPrivacyStatus } from "./privacy-status.type";
import { assertId } from "../../common/uuid";

/** The request type a subject's own choice is registered as (lifting a restriction is no request). */
const REQUEST_TYPE: Partial<Record<AuditAction, RightsRequestType>> = {
  [AuditAction.CONSENT_WITHDRAWN]: RightsRequestType.WITHDRAW_CONSENT,
  [AuditAction.CONSENT_GIVEN]: RightsRequestType.GIVE_CONSENT,
  [AuditAction.OBJECTION_RECORDED]: RightsRequestType.OBJECT,
  [AuditAction.OBJECTION_WITHDRAWN]: RightsRequestType.WITHDRAW_OBJECTION,
  [AuditAction.RESTRICTION_RECORDED]: RightsRequestType.RESTRICT,
};

/** Whether a subject exists in crm (injected: this module does not reach into the sources). */
export type SubjectExists = (subjectId: string) => Promise<boolean>;

const cellName = (c: { purpose: Purpose; category: DataCategory }) => `${c.purpose} × ${c.category}`;

type AuditFacts = { categories: readonly DataCategory[]; detail: Record<string, string | number | null | string[]> };

/**
 * Consents withdrawn and given again, objections (art. 21) made and withdrawn, and restrictions (art. 18), recorded with time and policy
 * version. What may be withdrawn or objected to is derived from the policy matrix. Every change and its
 * audit entry commit together or not at all. Who may call (the subject for itself, the privacy officer for
 * anyone) is decided by the central permission rules, not here.
 */
export class ChoicesService {
  constructor(
    private readonly repository: ChoicesRepository,
    private readonly audit: AuditRecorder,
    private readonly subjectExists: SubjectExists,
    private readonly portalRequests?: PortalRequests,
  ) {}

  /** The state that overrides the matrix, per subject in the order asked: one statement. */
  loadActive(subjectIds: readonly string[]): Promise<SubjectChoices[]> {
    return this.repository.loadActive(subjectIds);
  }

  /** The choices in force for several subjects (one statement), e.g. behind a per-request DataLoader. */
  async statusesFor(subjectIds: readonly string[]): Promise<SubjectPrivacyStatus[]> {
    const directives = await this.repository.activeDirectives(subjectIds);
    return subjectIds.map((id, i) => toPrivacyStatus(id, directives[i]));
  }

  async statusFor(subjectId: string): Promise<SubjectPrivacyStatus> {
    return (await this.statusesFor([subjectId]))[0];
  }

  /** Withdraws every consent cell matching the filter (both omitted: all of them). */
  async withdrawConsent(actor: Actor, subjectId: string, purpose?: Purpose | null, category?: DataCategory | null) {
    const cells = CONSENT_CELLS.filter(
      (c) => (!purpose || c.purpose === purpose) && (!category || c.category === category),
    );
    if (cells.length === 0) throw appError(ErrorCode.BAD_USER_INPUT, notConsentMessage(purpose, category));
    const directives = cells.map((c) => ({ kind: DirectiveKind.CONSENT_WITHDRAWN, ...c }));
    return this.change(actor, subjectId, AuditAction.CONSENT_WITHDRAWN, async (tx, id) => {
      // The consent given (its record, when there is one) ends: a cell has one of given or withdrawn in force.
      await tx.endCells(id, DirectiveKind.CONSENT_GIVEN, cells, actor.role);
      const added = await tx.record(id, directives, { role: actor.role, policyVersion: POLICY_VERSION });
      const withdrawn = cells.map((c) => `${c.purpose}:${c.category}`);
      const detail = { purpose: purpose ?? null, category: category ?? null, cells: withdrawn, added };
      return { categories: [...new Set(cells.map((c) => c.category))], detail };
    });
  }

  /**
   * Gives consent for one consent cell, recorded with time and policy version: a withdrawal in force ends (the
   * cell is readable for its purpose again from the next query). One cell at a time, both named: a consent is
   * specific (art. 4(11)), never given wholesale by leaving a filter out.
   */
  async giveConsent(actor: Actor, subjectId: string, purpose: Purpose, category: DataCategory) {
    const cells = CONSENT_CELLS.filter((c) => c.purpose === purpose && c.category === category);
    if (cells.length === 0) throw appError(ErrorCode.BAD_USER_INPUT, notConsentMessage(purpose, category));
    return this.change(actor, subjectId, AuditAction.CONSENT_GIVEN, async (tx, id) => {
      const ended = await tx.endCells(id, DirectiveKind.CONSENT_WITHDRAWN, cells, actor.role);
      const added = await tx.record(id, cells.map((c) => ({ kind: DirectiveKind.CONSENT_GIVEN, ...c })), {
        role: actor.role,
        policyVersion: POLICY_VERSION,
      });
      return { categories: [category], detail: { purpose, category, cells: [`${purpose}:${category}`], ended, added } };
    });
  }

  /** Objects (art. 21) to the purpose's legitimate-interest processing. */
  async objectToProcessing(actor: Actor, subjectId: string, purpose: Purpose) {
    assertObjectable(purpose);
    return this.change(actor, subjectId, AuditAction.OBJECTION_RECORDED, async (tx, id) => {
      const added = await tx.record(id, [{ kind: DirectiveKind.OBJECTION, purpose }], {
        role: actor.role,
        policyVersion: POLICY_VERSION,
      });
      return { categories: categoriesObjectable(purpose), detail: { purpose, added } };
    });
  }

  /** Restricts processing (art. 18). While one is in force a repeat changes nothing, its reason included. */
  async restrictProcessing(actor: Actor, subjectId: string, reason?: RestrictionReason | null) {
    return this.change(actor, subjectId, AuditAction.RESTRICTION_RECORDED, async (tx, id) => {
      const added = await tx.record(id, [{ kind: DirectiveKind.RESTRICTION, reason: reason ?? null }], {
        role: actor.role,
        policyVersion: POLICY_VERSION,
      });
      return { categories: RESTRICTABLE_CATEGORIES, detail: { reason: reason ?? null, added } };
    });
  }

  /** Withdraws the objection in force to the purpose (NOT_FOUND when there is none); the row stays as evidence. */
  async withdrawObjection(actor: Actor, subjectId: string, purpose: Purpose) {
    assertObjectable(purpose);
    return this.change(actor, subjectId, AuditAction.OBJECTION_WITHDRAWN, async (tx, id) => {
      const ended = await tx.endCells(id, DirectiveKind.OBJECTION, [{ purpose }], actor.role);
      // Thrown inside the transaction: it rolls back, so nothing is written, audited or registered as a request.
      if (ended === 0) throw appError(ErrorCode.NOT_FOUND, `No objection to ${purpose} is in force for this subject`);
      return { categories: categoriesObjectable(purpose), detail: { purpose, ended } };
    });
  }

  /** Ends the restriction in force; the row stays as evidence. */
  async liftRestriction(actor: Actor, subjectId: string) {
    return this.change(actor, subjectId, AuditAction.RESTRICTION_LIFTED, async (tx, id) => {
      const ended = await tx.end(id, DirectiveKind.RESTRICTION, actor.role);
      // Thrown inside the transaction: it rolls back, so nothing is written or audited.
      if (ended === 0) throw appError(ErrorCode.NOT_FOUND, "No restriction is in force for this subject");
      return { categories: RESTRICTABLE_CATEGORIES, detail: { ended } };
    });
  }

  /** Validates the subject, then writes the change and its audit entry in one transaction. */
  private async change(
    actor: Actor,
    rawSubjectId: string,
    action: AuditAction,
    write: (tx: DirectiveWrites, subjectId: string) => Promise<AuditFacts>,
  ): Promise<SubjectPrivacyStatus> {
    const subjectId = await this.existingSubject(rawSubjectId);
    await this.repository.transaction(async (tx) => {
      const facts = await write(tx, subjectId);
      const entry: AuditEntryInput = {
        action,
        actor: actor.actor,
        role: actor.role,
        purpose: actor.purpose,
        subjectId,
        categories: facts.categories,
        requestId: actor.requestId,
        detail: facts.detail,
        policyVersion: POLICY_VERSION,
      };
      // The subject acting in the portal: the request is registered, fulfilled, with the change (SPEC §5).
      const type = REQUEST_TYPE[action];
      try {
        if (type && this.portalRequests && actsInPortal(actor)) await this.portalRequests.fulfilled(actor, subjectId, type, [entry], tx.manager);
        else await this.audit.record([entry], tx.manager);
      } catch (err) {
        // The change rolls back with its evidence. An unreachable store is SOURCE_UNAVAILABLE (the transaction
        // says so); any other failure to record is the trail's: fail closed, with its own code.
        if (err instanceof GraphQLError || isUnreachable(err)) throw err;
        throw appError(ErrorCode.AUDIT_UNAVAILABLE, "The audit trail could not be written; nothing was changed");
      }
    });
    return this.statusFor(subjectId);
  }

  private async existingSubject(subjectId: string): Promise<string> {
    assertId(subjectId, "subjectId", "subject");
    const id = subjectId.toLowerCase();
    if (!(await this.subjectExists(id))) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    return id;
  }
}

function assertObjectable(purpose: Purpose): void {
  if (OBJECTABLE_PURPOSES.includes(purpose)) return;
  throw appError(
    ErrorCode.BAD_USER_INPUT,
    `art. 21 does not apply: ${purpose} does not rest on legitimate interest. ` +
      `An objection is possible to ${OBJECTABLE_PURPOSES.join(", ")}`,
  );
}

function notConsentMessage(purpose?: Purpose | null, category?: DataCategory | null): string {
  const options = `Consent applies to: ${CONSENT_CELLS.map(cellName).join(", ")}`;
  if (purpose && category) {
    const basis = basisOf(purpose, category);
    const why = basis ? `rests on ${basis}, not on consent` : "is not processed at all";
    return `${cellName({ purpose, category })} ${why}. ${options}`;
  }
  const filter = purpose ? `purpose ${purpose}` : category ? `category ${category}` : "the policy";
  return `No processing for ${filter} rests on consent. ${options}`;
}
