import DataLoader from "dataloader";
import type { Clock } from "../common/clock";
import type { SubjectHold } from "../holds/legal-hold";
import type { SubjectContext } from "./subject.context";

/** Where a subject's holds come from (the hold register), for all subjects of a response at once. */
export interface HoldsInForce {
  inForceOf(subjectIds: readonly string[], at: Date): Promise<SubjectHold[][]>;
}

/** The per-request loader of the holds in force on each subject's records (one statement; none unless selected). */
export const createHoldLoader = (holds: HoldsInForce, clock: Clock) =>
  new DataLoader<string, SubjectHold[]>((ids) => holds.inForceOf(ids, clock.now()));

/** The request context as `Subject.legalHolds` sees it. */
export interface HoldsContext extends SubjectContext {
  legalHolds: ReturnType<typeof createHoldLoader>;
}
