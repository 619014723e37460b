import { systemClock, type Clock } from "../../common/clock";
import type { Sources } from "../../sources/sources";
import { assertId } from "../../common/uuid";
import { planErasure, type ErasurePlan } from "./erasure-plan";
import { ErasureSteps, toldToSubject, type StepResult } from "./erasure-steps";
import type { LegalHoldRepository } from "../../holds/legal-hold.repository";

/**
 * Erasure (art. 17, SPEC §5): deletes the subject's data in crm, auth and weblog, and in billing what is
 * past its fiscal retention; the rest of billing is kept unchanged under a legal hold.
 *
 * The parts the durable runner (ErasureRunner) uses: `plan` once, stored with the request's job, then each
 * of `steps` until it succeeds. Who may call is decided by the central permission rules, not here.
 */
export class ErasureService {
  readonly steps: ErasureSteps;

  constructor(
    private readonly sources: Sources,
    private readonly holds: LegalHoldRepository,
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
}

/**
 * What one step erased (table, count) and kept (record, reason, until), as the API shows it. To the subject
 * (`forSubject`) a record kept under a confidential hold (a preservation order: Sv 126bb, UAVG art. 41 restrict
 * what the subject is told) is not shown, and is counted with its table's erased rows, so the result reads as
 * any erasure's. The evidence (audit, tasks) and the privacy officer's result keep the true counts.
 */
export function erasedAndKept(step: StepResult | null, forSubject = false) {
  const hidden = forSubject ? (step?.kept ?? []).filter((k) => !toldToSubject(k)) : [];
  const erased = { ...step?.erased };
  for (const k of hidden) erased[k.recordType] = (erased[k.recordType] ?? 0) + 1;
  return {
    erased: Object.entries(erased).map(([table, count]) => ({ table, count })),
    kept: (step?.kept ?? []).filter((k) => !hidden.includes(k))
      .map((k) => ({ recordType: k.recordType, recordId: k.recordId, reason: k.basis, until: k.until })),
  };
}
