import { ARTICLE_6, PURPOSES, PURPOSE_INFO } from "../policy/purposes";
import { CATEGORY_INFO, DATA_CATEGORIES } from "../policy/categories";
import { PURPOSE_MATRIX } from "../policy/matrix";
import { MASKS } from "../policy/masking";
import { RETENTION_RULES } from "../policy/retention";
import { ROLES, ROLE_GRANTS } from "../policy/roles";
import { LEGAL_BASES } from "../policy/legal-bases";
import { LEGITIMATE_INTERESTS } from "../policy/legitimate-interests";
import { RECIPIENTS } from "../policy/recipients";
import { SUPERVISORY_AUTHORITY } from "../policy/data-subject-rights";
import { POLICY_VERSION } from "../policy/policy-version";
import { BASIS_TEXT, CATEGORY_TEXT, PURPOSE_TEXT, RETENTION_RULE_TEXT } from "../policy/policy-texts";

/**
 * The policy as one machine-readable document for tools (SPEC §4 `policy`): the tables of src/policy, as they are,
 * with the words the privacy statement uses for them (`text`: { nl, en }), so a client such as the portal names a
 * purpose, category, basis or retention rule as the statement does instead of keeping its own translations.
 */
export function policyDocument(): Record<string, unknown> {
  return {
    formatVersion: "1",
    policyVersion: POLICY_VERSION,
    purposes: PURPOSES.map((p) => ({
      purpose: p,
      description: PURPOSE_INFO[p].description,
      text: PURPOSE_TEXT[p],
      lawfulBases: PURPOSE_INFO[p].lawfulBases.map((b) => ({ basis: b, article: ARTICLE_6[b], text: BASIS_TEXT[b] })),
      legitimateInterest: LEGITIMATE_INTERESTS[p] ?? null,
      survivesRestriction: PURPOSE_INFO[p].survivesRestriction,
    })),
    categories: DATA_CATEGORIES.map((c) => ({ category: c, ...CATEGORY_INFO[c], text: CATEGORY_TEXT[c] })),
    matrix: PURPOSES.flatMap((p) =>
      DATA_CATEGORIES.flatMap((c) => {
        const cell = PURPOSE_MATRIX[p][c];
        return cell ? [{ purpose: p, category: c, access: cell.access, mask: cell.mask ?? null, basis: cell.basis }] : [];
      }),
    ),
    masks: Object.entries(MASKS).map(([mask, m]) => ({ mask, description: m.description })),
    retentionRules: RETENTION_RULES.map((r) => ({ ...r, text: RETENTION_RULE_TEXT[r.id] })),
    roles: ROLES.map((r) => ({ role: r, ...ROLE_GRANTS[r] })),
    legalBases: Object.entries(LEGAL_BASES).map(([basis, r]) => ({ basis, ...r })),
    recipients: RECIPIENTS,
    supervisoryAuthority: { ...SUPERVISORY_AUTHORITY, url: `https://${SUPERVISORY_AUTHORITY.website}` },
  };
}
