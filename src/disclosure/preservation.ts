import type { PurposeView } from "../access/purpose-view";
import { HoldKind, type HoldOwner, type NewHold } from "../holds/legal-hold";
import { LEGAL_BASES, LegalDemandBasis } from "../policy/legal-bases";
import { utcDate } from "../policy/retention";
import { DAY_MS } from "../common/clock";
import type { DemandRecords } from "./demand-records";
import { assembleDisclosure } from "./disclosure-document";
import type { LegalDemand } from "./legal-demand";

export const PRESERVATION_BASIS = `${LEGAL_BASES[LegalDemandBasis.SV_126NI].article} (preservation order)`;

/**
 * The PRESERVATION holds an approved 126ni order places: on exactly the records a disclosure of its categories
 * and range would contain (the same view and the same reads), each held through the last day of the order's
 * period counted from the approval. Nothing is disclosed.
 */
export async function preservationHolds(records: DemandRecords, view: PurposeView, demand: LegalDemand, approvedAt: Date)
  : Promise<{ owner: HoldOwner; holds: NewHold[]; expiresAt: string } | null> {
  if (!demand.subjectId || !demand.preservationDays) return null;
  const set = await records.read(view, { subjectId: demand.subjectId, range: demand.range }, approvedAt);
  if (!set.customerNumber) return null;
  const { contents } = assembleDisclosure(view, set);
  const expiresAt = utcDate(new Date(approvedAt.getTime() + demand.preservationDays * DAY_MS));
  const holds = Object.entries(contents.recordIds).flatMap(([source, tables]) =>
    Object.entries(tables).flatMap(([recordType, ids]) =>
      ids.map((recordId) => ({ source, recordType, recordId, kind: HoldKind.PRESERVATION, basis: PRESERVATION_BASIS, expiresAt }))));
  return { owner: { subjectId: demand.subjectId, requestId: null, customerNumber: set.customerNumber, demandId: demand.id }, holds, expiresAt };
}
