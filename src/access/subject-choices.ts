import type { DataCategory } from "../policy/categories";
import type { Purpose } from "../policy/purposes";

/**
 * The per-subject choices that override the matrix at query time (SPEC §3): withdrawn consents switch off
 * CONSENT cells, objections (art. 21) switch off LEGITIMATE_INTEREST cells of a purpose, a restriction
 * (art. 18) leaves only the purposes that survive it.
 */
export interface SubjectChoices {
  restricted: boolean;
  /** Erased while a hold keeps its crm record: restricted for every purpose, and not found by its own token. */
  erased: boolean;
  /** Purposes the subject objects to. */
  objections: ReadonlySet<Purpose>;
  /** Withdrawn consents as "PURPOSE:CATEGORY". */
  withdrawnConsents: ReadonlySet<string>;
  /** A stable signature of the three above: equal states have equal keys (used to cache compiled views). */
  key: string;
}

export const consentKey = (purpose: Purpose, category: DataCategory) => `${purpose}:${category}`;

export const NO_CHOICES: SubjectChoices = Object.freeze({
  restricted: false,
  erased: false,
  objections: new Set<Purpose>(),
  withdrawnConsents: new Set<string>(),
  key: "",
});
