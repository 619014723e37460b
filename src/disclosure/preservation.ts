import type { PurposeView } from "../access/purpose-view";
import { HoldKind, type HoldOwner, type NewHold } from "../holds/legal-hold";
import { LEGAL_BASES, LegalDemandBasis } from "../policy/legal-bases";
import { utcDate } from "../policy/retention";
import { DAY_MS } from "../common/clock";
import type { DemandRecords, DemandScope } from "./demand-records";
import { assembleDisclosure } from "./disclosure-document";
import type { LegalDemand } from "./legal-demand";

export const PRESERVATION_BASIS = `${LEGAL_BASES[LegalDemandBasis.SV_126NI].article} (preservation order)`;

/** A record a hold can name. */
export interface HoldableRecord {
  source: string;
  recordType: string;
  recordId: string;
}

/**
 * The records of the subject that `view` shows within `range` (null: all time): exactly what a disclosure of the
 * view's categories would contain, by the same reads. Null when the subject is unknown. Holds are placed on these.
 */
export async function recordsOfCategories(records: DemandRecords, view: PurposeView, scope: DemandScope, at: Date)
  : Promise<{ customerNumber: string; records: HoldableRecord[] } | null> {
  const set = await records.read(view, scope, at);
  if (!set.customerNumber) return null;
  const { contents } = assembleDisclosure(view, set);
  const found = Object.entries(contents.recordIds).flatMap(([source, tables]) =>
    Object.entries(tables).flatMap(([recordType, ids]) => ids.map((recordId) => ({ source, recordType, recordId }))));
  return { customerNumber: set.customerNumber, records: found };
}

/**
 * The PRESERVATION holds an approved 126ni order places: on exactly the records a disclosure of its categories
 * and range would contain (the same view and the same reads), each held through the last day of the order's
 * period counted from the approval. Nothing is disclosed.
 */
export async function preservationHolds(records: DemandRecords, view: PurposeView, demand: LegalDemand, approvedAt: Date)
  : Promise<{ owner: HoldOwner; holds: NewHold[]; expiresAt: string } | null> {
  if (!demand.subjectId || !demand.preservationDays) return null;
  const covered = await recordsOfCategories(records, view, { subjectId: demand.subjectId, range: demand.range }, approvedAt);
  if (!covered) return null;
  const expiresAt = utcDate(new Date(approvedAt.getTime() + demand.preservationDays * DAY_MS));
  const holds = covered.records.map((r) => ({ ...r, kind: HoldKind.PRESERVATION, basis: PRESERVATION_BASIS, expiresAt }));
  return { owner: { subjectId: demand.subjectId, requestId: null, customerNumber: covered.customerNumber, demandId: demand.id }, holds, expiresAt };
}
