import { systemClock, type Clock } from "../../common/clock";
import type { Sources } from "../../sources/sources";
import type { Actor } from "../actor";
import { assertId } from "../../common/uuid";
import type { AuditRecorder } from "../../audit/audit-entry";
import { planErasure, type ErasurePlan } from "./erasure-plan";
import type { ErasureResult } from "./erasure-result.type";
import { ErasureSteps, stepsEntry, type StepResult } from "./erasure-steps";
import type { LegalHoldRepository } from "../../holds/legal-hold.repository";

/**
 * Erasure (art. 17, SPEC §5): deletes the subject's data in crm, auth and weblog, and in billing what is
 * past its fiscal retention; the rest of billing is kept unchanged under a legal hold.
 *
 * `plan` and `steps` are the parts a durable job uses (plan once, store it, run each step until it
 * succeeds). `eraseNow` runs them in one go, in order, without retries or request bookkeeping, each step's
 * audit entry written after it: the plain sequence the durable runner (ErasureRunner) is measured against.
 * Who may call is decided by the central permission rules, not here.
 */
export class ErasureService {
  readonly steps: ErasureSteps;

  constructor(
    private readonly sources: Sources,
    private readonly holds: LegalHoldRepository,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock = systemClock,
  ) {
    this.steps = new ErasureSteps(sources, holds);
  }

  /** Reads what exists and decides what goes and what is held. Must run before the crm step (see ErasurePlan). */
  plan(rawSubjectId: string, requestId: string | null = null): Promise<ErasurePlan> {
    assertId(rawSubjectId, "subjectId", "subject");
    const { crm, auth, weblog, billing } = this.sources;
    return planErasure({ crm, auth, weblog, billing, holds: this.holds }, rawSubjectId.toLowerCase(), this.clock.now(), requestId);
  }

  /**
   * Plan → holds → crm, auth, weblog, billing. Holds first: a record is never held without its register entry.
   * A subject already erased (or never known) gives an empty result, not an error: the two are deliberately
   * indistinguishable, and a repeat must not fail.
   */
  async eraseNow(actor: Actor, subjectId: string, requestId: string | null = null): Promise<ErasureResult> {
    const plan = await this.plan(subjectId, requestId);
    await this.holds.transaction(async (manager) => {
      const held = await this.steps.recordHolds(plan, manager);
      await this.audit.record([stepsEntry(actor, plan, [held])], manager);
    });
    const results: StepResult[] = [];
    for (const step of [this.steps.eraseCrm, this.steps.eraseAuth, this.steps.eraseWeblog, this.steps.eraseBilling]) {
      const result = await step.call(this.steps, plan);
      await this.audit.record([stepsEntry(actor, plan, [result])]);
      results.push(result);
    }
    return toErasureResult(plan.subjectId, results);
  }
}

/** The API's shape of the step results (the privacy step is bookkeeping and not listed as a source). */
export function toErasureResult(subjectId: string, steps: readonly StepResult[]): ErasureResult {
  return {
    subjectId,
    sources: steps.filter((s) => s.source !== "privacy").map((s) => ({ source: s.source, ...erasedAndKept(s) })),
  };
}

/** What one step erased (table, count) and kept (record, reason, until), as the API shows it. */
export function erasedAndKept(step: StepResult | null) {
  return {
    erased: Object.entries(step?.erased ?? {}).map(([table, count]) => ({ table, count })),
    kept: (step?.kept ?? []).map((k) => ({ recordType: k.recordType, recordId: k.recordId, reason: k.basis, until: k.until })),
  };
}
