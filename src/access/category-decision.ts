import { ErrorCode } from "../errors/error-code";
import type { DataCategory } from "../policy/categories";
import { PURPOSE_MATRIX, type MatrixCell } from "../policy/matrix";
import { OBJECTABLE_BASIS, PURPOSE_INFO, WITHDRAWABLE_BASIS, type Purpose } from "../policy/purposes";
import { consentKey, type SubjectChoices } from "./subject-choices";

export type Decision =
  | { allowed: true; cell: MatrixCell }
  | { allowed: false; code: ErrorCode; reason: string };

/**
 * May data of `category` be used for `purpose`, for a subject whose choices in force are `choices`? The matrix first (a missing cell
 * is a denial), then the subject's own choices, which can only take cells away (SPEC §3).
 */
export function decideCategory(purpose: Purpose, category: DataCategory, choices: SubjectChoices): Decision {
  const cell = PURPOSE_MATRIX[purpose][category];
  if (!cell) return { allowed: false, code: ErrorCode.PURPOSE_NOT_ALLOWED, reason: `not allowed for purpose ${purpose}` };
  if (choices.restricted && !PURPOSE_INFO[purpose].survivesRestriction) {
    return { allowed: false, code: ErrorCode.PROCESSING_RESTRICTED, reason: "processing is restricted (AVG art. 18)" };
  }
  if (cell.basis === WITHDRAWABLE_BASIS && choices.withdrawnConsents.has(consentKey(purpose, category))) {
    return { allowed: false, code: ErrorCode.CONSENT_WITHDRAWN, reason: `consent for ${purpose} was withdrawn` };
  }
  if (cell.basis === OBJECTABLE_BASIS && choices.objections.has(purpose)) {
    return { allowed: false, code: ErrorCode.OBJECTION_IN_FORCE, reason: `the subject objects to ${purpose} (AVG art. 21)` };
  }
  return { allowed: true, cell };
}

/**
 * The decision of an approved legal demand's view (SPEC §7): exactly the categories the demand was approved
 * for, shown as stored (the authority receives the data itself, not a mask); every other category is denied.
 * Not a matrix cell: LEGAL_DISCLOSURE has none, so no subject query can ever use it. The subject's own
 * choices do not apply (the law obliges the disclosure).
 */
export function demandDecider(categories: readonly DataCategory[]): (category: DataCategory) => Decision {
  const approved = new Set(categories);
  const cell: MatrixCell = { access: "ALLOW", basis: PURPOSE_INFO.LEGAL_DISCLOSURE.lawfulBases[0] };
  return (category) => approved.has(category)
    ? { allowed: true, cell }
    : { allowed: false, code: ErrorCode.PURPOSE_NOT_ALLOWED, reason: "not covered by the approved legal demand" };
}

/** Whether the subject's own choices can change anything for this purpose (if not, none are loaded). */
export function dependsOnSubjectChoices(purpose: Purpose): boolean {
  if (!PURPOSE_INFO[purpose].survivesRestriction) return true;
  return Object.values(PURPOSE_MATRIX[purpose]).some((c) => c.basis === WITHDRAWABLE_BASIS || c.basis === OBJECTABLE_BASIS);
}
