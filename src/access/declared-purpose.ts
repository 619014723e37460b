import type { Principal } from "../auth/principal";
import { appError, ErrorCode, requestRefusal } from "../errors/error-code";
import { isPurpose, type Purpose } from "../policy/purposes";
import { mayDeclare, ROLE_GRANTS } from "../policy/roles";

/** The header every staff request declares its purpose in (SPEC §3). */
export const PURPOSE_HEADER = "x-purpose";

/**
 * The purpose a request acts for: declared in `x-purpose` (exactly one), or implied by the role (customer
 * tokens always act for their own rights). Refused before anything executes when missing, unknown or not
 * granted to the token's role.
 */
export function effectivePurpose(principal: Principal, header: string | string[] | undefined): Purpose {
  // Node joins repeated headers with ", " (purpose names hold no comma); an array would come from a framework.
  if (Array.isArray(header) || header?.includes(",")) {
    throw requestRefusal(ErrorCode.BAD_USER_INPUT, `Declare exactly one purpose in ${PURPOSE_HEADER}`);
  }
  const declared = header?.trim();
  const grant = ROLE_GRANTS[principal.role];
  if (!declared) {
    if (grant.impliedPurpose) return grant.impliedPurpose;
    throw appError(ErrorCode.PURPOSE_REQUIRED, `Declare the purpose of this request in the ${PURPOSE_HEADER} header`);
  }
  // The declared text is not echoed back: a header is caller input like any other.
  if (!isPurpose(declared)) throw requestRefusal(ErrorCode.BAD_USER_INPUT, `${PURPOSE_HEADER} names no known purpose`);
  if (!mayDeclare(principal.role, declared)) {
    throw appError(ErrorCode.PURPOSE_NOT_GRANTED, `Role ${principal.role} may not act for purpose ${declared}`);
  }
  return declared;
}
