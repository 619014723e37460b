import { AuditAction, type AuditRecorder } from "../audit/audit-entry";
import { DAY_MS, systemClock, type Clock } from "../common/clock";
import { assertPageSize, decodePosition, encodePosition, PLAIN_CURSORS, type Position } from "../common/cursor";
import { pageOf, type Page } from "../common/page";
import { assertId } from "../common/uuid";
import { appError, ErrorCode } from "../errors/error-code";
import { DemandChannel, LEGAL_BASES } from "../policy/legal-bases";
import type { Actor } from "../access/actor";
import type { DemandSubjects } from "./demand-subject";
import { LegalDemandStatus, type DisclosedDemand, type LegalDemand, type NewLegalDemand, type ShownLegalDemand } from "./legal-demand";
import type { DemandRecords, DemandViews } from "./demand-records";
import { preservationHolds } from "./preservation";
import { HoldKind } from "../holds/legal-hold";
import type { LegalHoldRepository } from "../holds/legal-hold.repository";
import type { LegalDemandRepository } from "./legal-demand.repository";
import { demandRefusals } from "./legal-demand.validation";
import { transparencyReport, type TransparencyReport } from "./transparency-report";

export const MAX_DEMAND_PAGE_SIZE = 100;
const DEMAND_CURSOR = "demand";

/**
 * The life of a legal demand up to the four-eyes decision (SPEC §7). Recording checks the demand against
 * the law's table and names its one subject; a demand that fails is stored REFUSED with every reason (the
 * refusal is evidence too) and never disclosed. Each step writes its row and its audit entry in one
 * transaction. Who may call what is decided by the permission rules; the four-eyes rule is the demand's own.
 */
export class LegalDemandService {
  constructor(
    private readonly repo: LegalDemandRepository,
    private readonly subjects: DemandSubjects,
    private readonly records: DemandRecords,
    private readonly holds: Pick<LegalHoldRepository, "record">,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock = systemClock,
  ) {}

  async record(actor: Actor, input: NewLegalDemand): Promise<ShownLegalDemand> {
    const named = await this.subjects.resolve(input.subject);
    const refusals = demandRefusals(input);
    if ("refusal" in named) refusals.push(named.refusal);
    const rule = LEGAL_BASES[input.basis];
    const oralCopyDays = input.channel === DemandChannel.ORAL ? rule.oralWrittenCopyDays : null;
    const subjectId = "subjectId" in named ? named.subjectId : null;
    const status = refusals.length ? LegalDemandStatus.REFUSED : LegalDemandStatus.RECORDED;
    return this.repo.transaction(async (manager) => {
      const demand = await this.repo.insert(manager, {
        ...input,
        categories: [...input.categories],
        status,
        subjectId,
        writtenCopyDueAt: oralCopyDays === null ? null : new Date(input.receivedAt.getTime() + oralCopyDays * DAY_MS),
        refusals,
        confidential: rule.confidentialByDefault,
        recordedBy: actor.actor,
        recordedAt: this.clock.now(),
      });
      await this.audit.record([{
        action: AuditAction.LEGAL_DEMAND_RECORDED, actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId,
        requestId: actor.requestId, categories: input.categories,
        detail: { demandId: demand.id, outcome: status, basis: input.basis, codes: refusals },
      }], manager);
      return this.shown(demand);
    });
  }

  /**
   * A privacy officer other than the one who recorded it approves a RECORDED demand (four eyes). Approving a
   * preservation order (126ni) places its PRESERVATION holds in the same transaction.
   */
  approve(actor: Actor, id: string, views: DemandViews): Promise<ShownLegalDemand> {
    return this.decide(actor, id, LegalDemandStatus.APPROVED, null, views);
  }

  async reject(actor: Actor, id: string, reasons: readonly string[]): Promise<ShownLegalDemand> {
    const given = reasons.map((r) => r.trim()).filter(Boolean);
    if (given.length === 0) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "reasons" must give at least one reason');
    return this.decide(actor, id, LegalDemandStatus.REJECTED, given);
  }

  async get(id: string): Promise<ShownLegalDemand | null> {
    assertId(id, "id", "demand");
    const demand = await this.repo.get(id.toLowerCase());
    return demand && this.shown(demand);
  }

  /** Demands, newest received first; `writtenCopyOverdue` as judged now. */
  async list(filter: { status: LegalDemandStatus | null; writtenCopyOverdue: boolean | null }, first: number,
    after: string | null | undefined): Promise<Page<ShownLegalDemand>> {
    assertPageSize(first, MAX_DEMAND_PAGE_SIZE);
    const rows = await this.repo.page({ ...filter, now: this.clock.now() }, after ? receivedAtPosition(decodePosition(PLAIN_CURSORS, DEMAND_CURSOR, after)) : null, first + 1);
    const edges = rows.slice(0, first).map((d) => ({ cursor: encodePosition(PLAIN_CURSORS, DEMAND_CURSOR, d.receivedAt, d.id), node: this.shown(d) }));
    return pageOf(edges, rows.length, first);
  }

  /** The written copy of an oral demand arrived (the legal officer records its hash): it is no longer overdue. */
  async recordWrittenCopy(actor: Actor, id: string, documentSha256: string): Promise<ShownLegalDemand> {
    const demand = await this.get(id);
    if (!demand) throw appError(ErrorCode.NOT_FOUND, "No such legal demand");
    return this.repo.transaction(async (manager) => {
      const updated = await this.repo.recordWrittenCopy(manager, demand.id, documentSha256, this.clock.now());
      if (!updated) throw appError(ErrorCode.BAD_USER_INPUT, "The demand has no written copy due (written, or its copy already recorded)");
      await this.audit.record([{
        action: AuditAction.LEGAL_DEMAND_WRITTEN_COPY, actor: actor.actor, role: actor.role, purpose: actor.purpose,
        subjectId: updated.subjectId, requestId: actor.requestId,
        detail: { demandId: updated.id, wasOverdue: demand.writtenCopyOverdue },
      }], manager);
      return this.shown(updated);
    });
  }

  /** Aggregate counts of the demands received in [from, to) (SPEC §7: the company reports on its own conduct). */
  async transparencyReport(from: Date, to: Date): Promise<TransparencyReport> {
    if (!(from < to)) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "from" must be before "to"');
    return transparencyReport(await this.repo.counted(from, to), from, to);
  }

  private shown(d: LegalDemand): ShownLegalDemand {
    const overdue = d.writtenCopyDueAt !== null && d.writtenCopyReceivedAt === null && d.writtenCopyDueAt < this.clock.now();
    return { ...d, writtenCopyOverdue: overdue };
  }

  /**
   * Ends a demand's confidentiality order (Sv 126bb, UAVG art. 41) on evidence (its SHA-256; the document is
   * not stored): from then on the subject's access report names the disclosure as a recipient of its data.
   */
  async liftConfidentiality(actor: Actor, id: string, evidenceSha256: string, note: string): Promise<ShownLegalDemand> {
    const demand = await this.get(id);
    if (!demand) throw appError(ErrorCode.NOT_FOUND, "No such legal demand");
    return this.repo.transaction(async (manager) => {
      const lifted = await this.repo.liftConfidentiality(manager, demand.id, this.clock.now(), actor.actor, evidenceSha256, note);
      if (!lifted) throw appError(ErrorCode.BAD_USER_INPUT, "The demand is not confidential (never, or already lifted)");
      await this.audit.record([{
        action: AuditAction.LEGAL_DEMAND_CONFIDENTIALITY_LIFTED, actor: actor.actor, role: actor.role, purpose: actor.purpose,
        subjectId: lifted.subjectId, requestId: actor.requestId, detail: { demandId: lifted.id, basis: lifted.basis },
      }], manager);
      return this.shown(lifted);
    });
  }

  /**
   * Closes a demand when nothing remains to be done under it: executed in full, or a preservation order
   * (its holds run to their own end). A 126ne window still open is executed once more after it ends.
   */
  async close(actor: Actor, id: string): Promise<ShownLegalDemand> {
    const demand = await this.get(id);
    if (!demand) throw appError(ErrorCode.NOT_FOUND, "No such legal demand");
    const closable = LEGAL_BASES[demand.basis].preservationMaxDays !== undefined ? [LegalDemandStatus.APPROVED] : [LegalDemandStatus.EXECUTED];
    return this.repo.transaction(async (manager) => {
      const closed = await this.repo.close(manager, demand.id, this.clock.now(), closable);
      if (!closed) throw appError(ErrorCode.BAD_USER_INPUT, `The demand is ${demand.status}; only ${closable.join(" or ")} can be closed`);
      await this.audit.record([{
        action: AuditAction.LEGAL_DEMAND_CLOSED, actor: actor.actor, role: actor.role, purpose: actor.purpose,
        subjectId: closed.subjectId, requestId: actor.requestId, detail: { demandId: closed.id, basis: closed.basis, from: demand.status },
      }], manager);
      return this.shown(closed);
    });
  }

  /** The subject's disclosures it may learn of: none while a demand's confidentiality order is in force. */
  disclosedTo(subjectId: string): Promise<DisclosedDemand[]> {
    return this.repo.disclosedTo(subjectId);
  }

  private async decide(actor: Actor, id: string, status: LegalDemandStatus, reasons: string[] | null, views?: DemandViews): Promise<ShownLegalDemand> {
    const demand = await this.get(id);
    if (!demand) throw appError(ErrorCode.NOT_FOUND, "No such legal demand");
    // Four eyes: the person who recorded a demand never decides it, whichever token they use.
    if (demand.recordedBy === actor.actor) throw appError(ErrorCode.FORBIDDEN, "The officer who recorded a demand may not decide it");
    if (demand.status !== LegalDemandStatus.RECORDED) {
      throw appError(ErrorCode.BAD_USER_INPUT, `The demand is ${demand.status}; only a RECORDED demand can be approved or rejected`);
    }
    const now = this.clock.now();
    // Read before the transaction (other stores): which records the preservation order covers.
    const preserve = status === LegalDemandStatus.APPROVED && views && demand.preservationDays
      ? await preservationHolds(this.records, views.forDemand(demand.categories), demand, now)
      : null;
    return this.repo.transaction(async (manager) => {
      const decided = await this.repo.decide(manager, demand.id, status, actor.actor, now, reasons);
      if (!decided) throw appError(ErrorCode.BAD_USER_INPUT, "The demand was decided meanwhile");
      if (preserve) {
        await this.holds.record(manager, preserve.owner, preserve.holds);
        await this.audit.record([{
          action: AuditAction.LEGAL_HOLD_PLACED, actor: actor.actor, role: actor.role, purpose: actor.purpose,
          subjectId: decided.subjectId, requestId: actor.requestId, categories: decided.categories,
          detail: { demandId: decided.id, kind: HoldKind.PRESERVATION, holds: preserve.holds.length, until: preserve.expiresAt },
        }], manager);
      }
      await this.audit.record([{
        action: status === LegalDemandStatus.APPROVED ? AuditAction.LEGAL_DEMAND_APPROVED : AuditAction.LEGAL_DEMAND_REJECTED,
        actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId: decided.subjectId, requestId: actor.requestId,
        detail: { demandId: decided.id, basis: decided.basis, ...(reasons ? { reasons: reasons.length } : {}) },
      }], manager);
      return this.shown(decided);
    });
  }
}

const receivedAtPosition = ({ at, id }: Position) => ({ receivedAt: at, id });
