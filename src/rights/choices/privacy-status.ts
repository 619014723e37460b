import { PURPOSES } from "../../policy/purposes";
import { POLICY_VERSION } from "../../policy/policy-version";
import { ConsentStatus, DirectiveKind, type ActiveDirective } from "./directive";
import { CONSENT_CELLS, categoriesObjectable } from "../../policy/policy-cells";
import type { ConsentRecord } from "./consent-record.type";
import type { Objection } from "./objection.type";
import type { Restriction } from "./restriction.type";
import type { SubjectPrivacyStatus } from "./privacy-status.type";

/**
 * What a subject has chosen, for display: every consent cell of the current policy with its state (a cell
 * without a withdrawal is GIVEN; when and under which version when that consent was recorded), the objections and the restriction in force, each with when and under
 * which policy version it was recorded.
 */
export function toPrivacyStatus(subjectId: string, directives: readonly ActiveDirective[]): SubjectPrivacyStatus {
  const byCell = (kind: DirectiveKind) =>
    new Map(directives.filter((d) => d.kind === kind).map((d) => [`${d.purpose}:${d.category}`, d] as const));
  const withdrawn = byCell(DirectiveKind.CONSENT_WITHDRAWN);
  const given = byCell(DirectiveKind.CONSENT_GIVEN);
  const consents: ConsentRecord[] = CONSENT_CELLS.map(({ purpose, category }) => {
    const w = withdrawn.get(`${purpose}:${category}`);
    // The withdrawal wins should both be in force (the writes end one when recording the other).
    const d = w ?? given.get(`${purpose}:${category}`);
    return {
      purpose,
      category,
      status: w ? ConsentStatus.WITHDRAWN : ConsentStatus.GIVEN,
      since: d?.recordedAt ?? null,
      policyVersion: d?.policyVersion ?? null,
      recordedByRole: d?.recordedByRole ?? null,
    };
  });
  const objections: Objection[] = directives
    .flatMap((d) => (d.kind === DirectiveKind.OBJECTION && d.purpose ? [{ ...d, purpose: d.purpose }] : []))
    .sort((a, b) => PURPOSES.indexOf(a.purpose) - PURPOSES.indexOf(b.purpose))
    .map((d) => ({
      purpose: d.purpose,
      categories: categoriesObjectable(d.purpose),
      since: d.recordedAt,
      policyVersion: d.policyVersion,
      recordedByRole: d.recordedByRole,
    }));
  const r = directives.find((d) => d.kind === DirectiveKind.RESTRICTION);
  const restriction: Restriction | null = r
    ? { since: r.recordedAt, reason: r.reason, policyVersion: r.policyVersion, recordedByRole: r.recordedByRole }
    : null;
  return { subjectId, consents, objections, restriction, currentPolicyVersion: POLICY_VERSION };
}
