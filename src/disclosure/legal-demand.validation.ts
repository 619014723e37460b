import { DAY_MS } from "../common/clock";
import type { DataCategory } from "../policy/categories";
import {
  DemandChannel,
  DemandRefusal,
  ISSUER_RANK,
  LEGAL_BASES,
  TIME_RANGE_CATEGORIES,
  type IssuerType,
  type LegalDemandBasis,
} from "../policy/legal-bases";

/** What a demand asks, as far as the law's table judges it. */
export interface DemandTerms {
  basis: LegalDemandBasis;
  issuerType: IssuerType;
  categories: readonly DataCategory[];
  channel: DemandChannel;
  documentSha256: string | null;
  /** The RC's authorisation (126nf, 126ng) or the court's reference (court order). */
  authorisationReference: string | null;
  range: { from: Date; to: Date } | null;
  /** 126ni only: how long the data is to be preserved. */
  preservationDays: number | null;
}

/**
 * Every reason the policy's table (src/policy/legal-bases.ts) gives to refuse these terms, each once, in
 * the order of DemandRefusal; none means the demand is valid. Pure: the caller stores and audits the outcome.
 */
export function demandRefusals(t: DemandTerms): DemandRefusal[] {
  const rule = LEGAL_BASES[t.basis];
  const reasons = new Set<DemandRefusal>();
  if (ISSUER_RANK[t.issuerType] < ISSUER_RANK[rule.minimumIssuer]) reasons.add(DemandRefusal.ISSUER_TOO_LOW);
  if (t.categories.length === 0) reasons.add(DemandRefusal.NO_CATEGORIES);
  if (t.categories.some((c) => !rule.categories.includes(c))) reasons.add(DemandRefusal.CATEGORY_NOT_COVERED);
  if (t.channel === DemandChannel.ORAL && rule.oralWrittenCopyDays === null) reasons.add(DemandRefusal.ORAL_NOT_ALLOWED);
  if (t.channel === DemandChannel.WRITTEN && !t.documentSha256) reasons.add(DemandRefusal.DOCUMENT_HASH_MISSING);
  const needsRange = rule.futureWindowMaxDays !== undefined || t.categories.some((c) => TIME_RANGE_CATEGORIES.includes(c));
  if (!t.range && needsRange) reasons.add(DemandRefusal.TIME_RANGE_REQUIRED);
  if (t.range && t.range.to <= t.range.from) reasons.add(DemandRefusal.TIME_RANGE_INVERTED);
  if (rule.authorisationRequired && !t.authorisationReference?.trim()) reasons.add(DemandRefusal.AUTHORISATION_MISSING);
  if (t.range && rule.futureWindowMaxDays !== undefined && t.range.to.getTime() - t.range.from.getTime() > rule.futureWindowMaxDays * DAY_MS) {
    reasons.add(DemandRefusal.FUTURE_WINDOW_TOO_LONG);
  }
  if (rule.preservationMaxDays === undefined) {
    if (t.preservationDays !== null) reasons.add(DemandRefusal.PRESERVATION_NOT_APPLICABLE);
  } else if (t.preservationDays === null || t.preservationDays < 1) {
    reasons.add(DemandRefusal.PRESERVATION_PERIOD_MISSING);
  } else if (t.preservationDays > rule.preservationMaxDays) {
    reasons.add(DemandRefusal.PRESERVATION_TOO_LONG);
  }
  const order = Object.values(DemandRefusal);
  return [...reasons].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
