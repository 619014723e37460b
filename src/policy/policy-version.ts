/**
 * The version of the policy tables (purposes, categories, matrix, roles, masks, retention). It is stored
 * with every consent, objection and restriction, so a record shows which published policy it was made
 * under. Change it whenever any policy table changes, even when the change looks cosmetic. It is also the privacy
 * statement's version, and a published version's text is never replaced: change it too when the statement's
 * rendering changes, or stores that published this version keep serving the old text.
 */
export const POLICY_VERSION = "2026-12-06.2";
