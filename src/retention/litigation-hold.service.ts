import type { Actor } from "../access/actor";
import type { PurposeView } from "../access/purpose-view";
import { AuditAction, type AuditRecorder } from "../audit/audit-entry";
import { systemClock, type Clock } from "../common/clock";
import { assertId } from "../common/uuid";
import { appError, ErrorCode } from "../errors/error-code";
import { HoldKind } from "../holds/legal-hold";
import type { LegalHoldRepository } from "../holds/legal-hold.repository";
import type { LitigationHold, LitigationHoldRepository } from "../holds/litigation-hold.repository";
import type { DataCategory } from "../policy/categories";
import { addMonths, LITIGATION_HOLD_BASIS, LITIGATION_HOLD_MAX_MONTHS, utcDate } from "../policy/retention";

/** Makes the view that shows exactly some categories (the request's enforcer does). */
export interface CategoryViews {
  forDemand(categories: readonly DataCategory[]): PurposeView;
}

/** The subject's records a view shows, all time (given by the composition root: disclosure's reads). */
export type CoveredRecords = (view: PurposeView, subjectId: string, at: Date)
  => Promise<{ customerNumber: string; records: { source: string; recordType: string; recordId: string }[] } | null>;

export interface PlaceHold {
  subjectId: string;
  kind: HoldKind;
  categories: readonly DataCategory[];
  /** YYYY-MM-DD: the last day held. */
  until: string;
  reason: string;
}

const MAX_REASON = 500;

/**
 * Litigation holds (SPEC §6): the privacy officer keeps a subject's records of some categories — every record
 * of them the subject has when the hold is placed, in any source — through a last day at most 2 years on (placed
 * again to renew). Erasure and retention leave held records unchanged, as with every hold. Placing writes the
 * hold, its record rows and the audit entry in one transaction; so does releasing.
 */
export class LitigationHoldService {
  constructor(
    private readonly register: LitigationHoldRepository,
    private readonly holds: LegalHoldRepository,
    private readonly covered: CoveredRecords,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock = systemClock,
  ) {}

  async place(actor: Actor, input: PlaceHold, views: CategoryViews): Promise<LitigationHold> {
    assertId(input.subjectId, "subjectId", "subject");
    if (input.kind !== HoldKind.LITIGATION) {
      throw appError(ErrorCode.BAD_USER_INPUT, "Only LITIGATION holds are placed here: fiscal holds come with erasure, preservation holds with a 126ni order");
    }
    const now = this.clock.now();
    const today = utcDate(now);
    const categories = [...new Set(input.categories)];
    if (categories.length === 0) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "categories" names no category');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.until) || utcDate(`${input.until}T00:00:00Z`) !== input.until) {
      throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "until" is not a date (YYYY-MM-DD)');
    }
    const latest = addMonths(today, LITIGATION_HOLD_MAX_MONTHS);
    if (input.until < today || input.until > latest) {
      throw appError(ErrorCode.BAD_USER_INPUT, `Argument "until" must be from today to ${latest}: a litigation hold lasts at most ${LITIGATION_HOLD_MAX_MONTHS} months, then is renewed`);
    }
    const reason = input.reason.trim();
    if (reason.length === 0 || reason.length > MAX_REASON) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "reason" must have 1 to ${MAX_REASON} characters`);
    const subjectId = input.subjectId.toLowerCase();
    const found = await this.covered(views.forDemand(categories), subjectId, now);
    if (!found) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    return this.register.transaction(async (manager) => {
      const hold = await this.register.insert(manager, { subjectId, categories, until: input.until, reason, placedBy: actor.actor, placedAt: now, records: found.records.length });
      await this.holds.record(manager, { subjectId, requestId: null, customerNumber: found.customerNumber, litigationId: hold.id },
        found.records.map((r) => ({ ...r, kind: HoldKind.LITIGATION, basis: LITIGATION_HOLD_BASIS, expiresAt: input.until })));
      await this.audit.record([{
        action: AuditAction.LEGAL_HOLD_PLACED, actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId, requestId: actor.requestId,
        categories, detail: { holdId: hold.id, kind: HoldKind.LITIGATION, holds: found.records.length, until: input.until },
      }], manager);
      return hold;
    });
  }

  /** Ends a litigation hold before its last day; its records then follow their rules again at the next run. */
  async release(actor: Actor, id: string, rawReason: string): Promise<LitigationHold> {
    assertId(id, "id", "hold");
    const reason = rawReason.trim();
    if (reason.length === 0 || reason.length > MAX_REASON) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "reason" must have 1 to ${MAX_REASON} characters`);
    const now = this.clock.now();
    return this.register.transaction(async (manager) => {
      const released = await this.register.release(manager, id.toLowerCase(), now, actor.actor, reason);
      if (!released) {
        const exists = await this.register.byId(manager, id.toLowerCase());
        throw exists ? appError(ErrorCode.BAD_USER_INPUT, "The hold was released already") : appError(ErrorCode.NOT_FOUND, "No such hold");
      }
      await this.audit.record([{
        action: AuditAction.LEGAL_HOLD_RELEASED, actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId: released.subjectId,
        requestId: actor.requestId, categories: released.categories, detail: { holdId: released.id, kind: HoldKind.LITIGATION, until: released.until },
      }], manager);
      return released;
    });
  }
}
