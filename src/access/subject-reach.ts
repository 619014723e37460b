import type { Principal } from "../auth/principal";
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
  canList(principal: Principal): boolean {
    return !ROLE_GRANTS[principal.role].ownSubjectOnly;
  },
  hasOwnSubject(principal: Principal): boolean {
    return ROLE_GRANTS[principal.role].ownSubjectOnly && principal.subjectId !== null;
  },
};
