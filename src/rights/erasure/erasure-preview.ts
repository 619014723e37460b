import type { Actor } from "../../access/actor";
import { AuditAction, type AuditRecorder } from "../../audit/audit-entry";
import { appError, ErrorCode } from "../../errors/error-code";
import { POLICY_VERSION } from "../../policy/policy-version";
import { actsInPortal } from "../portal-requests";
import { TaskSource } from "../requests/rights-request";
import type { ErasurePreview } from "./erasure-preview.type";
import { plannedResults } from "./erasure-steps";
import { erasedAndKept, type ErasureService } from "./erasure.service";

/**
 * What an erasure would do now, for the confirmation step before it (the portal shows it, then the subject
 * confirms). It is the erasure's own plan (`ErasureService.plan`), not a second reading of the policy: what is
 * kept, why and until when is what `eraseSubject` would keep. Told to the subject the way the outcome is
 * (`erasedAndKept`: records under a confidential hold read as erased). Nothing is written, except that a staff
 * member's preview is a read of the subject's records, audited like one (before it is answered: no record, no answer).
 */
export class ErasurePreviewService {
  constructor(
    private readonly erasure: ErasureService,
    private readonly audit: AuditRecorder,
    private readonly onAuditFailure: (err: unknown) => void,
  ) {}

  async preview(actor: Actor, subjectId: string): Promise<ErasurePreview> {
    const plan = await this.erasure.plan(subjectId);
    const forSubject = actsInPortal(actor);
    // Same answer as eraseSubject: the subject's own token finds nothing once crm has no record of it; an
    // officer still sees what holds keep of an erased subject.
    if (plan.crm.customerIds.length === 0 && (forSubject || plan.customerNumber === null)) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    if (!forSubject) await this.recordRead(actor, plan.subjectId);
    return {
      subjectId: plan.subjectId,
      judgedOn: plan.plannedOn,
      sources: plannedResults(plan).map(({ result, counted }) => ({
        source: result.source as TaskSource,
        ...erasedAndKept(counted ? result : { ...result, erased: {} }, forSubject),
        errorCode: counted ? null : ErrorCode.SOURCE_UNAVAILABLE,
      })),
    };
  }

  private async recordRead(actor: Actor, subjectId: string): Promise<void> {
    try {
      await this.audit.record([{ action: AuditAction.SUBJECT_READ, actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId,
        categories: [], requestId: actor.requestId, policyVersion: POLICY_VERSION, detail: { report: "ERASURE_PREVIEW" } }]);
    } catch (err) {
      this.onAuditFailure(err);
      throw appError(ErrorCode.AUDIT_UNAVAILABLE, "The audit trail could not be written; the preview was not released");
    }
  }
}
