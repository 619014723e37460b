/**
 * Roles that a verified token may carry (SPEC §3). Which purposes each role may declare is policy data
 * that lives beside this list; nothing outside src/policy decides what a role may do.
 */
export const ROLES = [
  "customer",
  "support",
  "billing",
  "analyst",
  "finance",
  "privacy_officer",
  "legal_officer",
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Roles of the company's own people (every role but the data subject). */
export const isStaffRole = (role: Role): boolean => role !== "customer";
