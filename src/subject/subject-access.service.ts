import type { Principal } from "../auth/principal";
import { isStaffRole } from "../policy/roles";
import { appError, ErrorCode } from "../errors/error-code";

/**
 * Who may reach which subject. Deny by default: a caller reaches a subject only through a rule below.
 * Purpose limitation (which fields) is enforced separately, from the policy.
 */
export class SubjectAccessService {
  /** The subject ids this principal may read, or "any" for staff. */
  readableSubjects(principal: Principal): ReadonlySet<string> | "any" {
    if (isStaffRole(principal.role)) return "any";
    return new Set(principal.subjectId ? [principal.subjectId] : []);
  }

  assertCanRead(principal: Principal, subjectId: string): void {
    const readable = this.readableSubjects(principal);
    if (readable !== "any" && !readable.has(subjectId)) {
      throw appError(ErrorCode.FORBIDDEN, "You may only read your own data");
    }
  }

  assertCanList(principal: Principal): void {
    if (this.readableSubjects(principal) !== "any") {
      throw appError(ErrorCode.FORBIDDEN, "Listing subjects is for staff only");
    }
  }

  /** The subject behind `me`: only a customer token names one. */
  ownSubjectId(principal: Principal): string {
    if (!principal.subjectId) throw appError(ErrorCode.FORBIDDEN, "`me` is only available to customer tokens");
    return principal.subjectId;
  }
}
