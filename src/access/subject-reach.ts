import type { Principal } from "../auth/principal";
import { PSEUDONYMOUS_PURPOSES } from "../policy/pseudonymity";
import type { Purpose } from "../policy/purposes";
import { ROLE_GRANTS } from "../policy/roles";

/**
 * Which subjects a caller can reach at all (before purpose limitation decides which fields). Deny by
 * default: a customer reaches exactly its own subject, a staff role any subject, nothing else exists.
 */
export const subjectReach = {
  canReach(principal: Principal, subjectId: unknown): boolean {
    if (!ROLE_GRANTS[principal.role].ownSubjectOnly) return true;
    return typeof subjectId === "string" && principal.subjectId !== null && principal.subjectId === subjectId.toLowerCase();
  },
  /**
   * Looking a subject up by id is for purposes that may know whom their data is about. A pseudonymous purpose
   * (ANALYTICS, IMPROVEMENT) that could pass a real id learned elsewhere would get that person's pseudonym
   * back and re-identify them in all its results: it lists subjects, it does not look them up.
   */
  canLookUp(purpose: Purpose): boolean {
    return !PSEUDONYMOUS_PURPOSES.has(purpose);
  },
  canList(principal: Principal): boolean {
    return !ROLE_GRANTS[principal.role].ownSubjectOnly;
  },
  hasOwnSubject(principal: Principal): boolean {
    return ROLE_GRANTS[principal.role].ownSubjectOnly && principal.subjectId !== null;
  },
};
