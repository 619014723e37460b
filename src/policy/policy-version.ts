/**
 * The version of the policy tables (purposes, categories, matrix, roles, masks, retention). It is stored
 * with every consent, objection and restriction, so a record shows which published policy it was made
 * under. Change it whenever any policy table changes, even when the change looks cosmetic.
 */
export const POLICY_VERSION = "2026-12-06.1";
