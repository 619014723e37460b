import { ROLES, ROLE_GRANTS, isStaffRole, mayDeclare } from "../policy/roles";
import { ROLE_TEXT, type Language } from "../policy/policy-texts";
import type { Purpose } from "../policy/purposes";

/** The company's own people as recipients: every staff role with the purposes it may declare (ROLE_GRANTS). */
export const staffRecipientsOf = (lang: Language): { name: string; purposes: readonly Purpose[] }[] =>
  ROLES.filter((r) => isStaffRole(r) && ROLE_GRANTS[r].purposes.length > 0).map((r) => ({ name: ROLE_TEXT[r][lang], purposes: ROLE_GRANTS[r].purposes }));

export const staffRecipientsOfPurpose = (purpose: Purpose, lang: Language): string[] =>
  ROLES.filter((r) => isStaffRole(r) && mayDeclare(r, purpose)).map((r) => ROLE_TEXT[r][lang]);
