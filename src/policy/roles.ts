import { Purpose } from "./purposes";

/** Roles that a verified token may carry (SPEC §3). */
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

/** Capabilities beyond reading subject data for a purpose. */
export enum Capability {
  /** Read the audit trail and verify its integrity. */
  AUDIT = "AUDIT",
  /** Exercise rights on any subject (choices, access reports, rectification) and administer rights requests. */
  RIGHTS_ADMIN = "RIGHTS_ADMIN",
  /** Record and handle police/legal demands. */
  LEGAL_DEMANDS = "LEGAL_DEMANDS",
}

export interface RoleGrant {
  /** The purposes a token with this role may declare. */
  purposes: readonly Purpose[];
  capabilities: readonly Capability[];
  /** Customers reach their own subject only; staff reach any subject (within the purpose). */
  ownSubjectOnly: boolean;
  /** Customer tokens need not declare a purpose: they always act for this one. */
  impliedPurpose?: Purpose;
}

/** SPEC §3, roles → purposes. Nothing grants a role more than this table does. */
export const ROLE_GRANTS: Readonly<Record<Role, RoleGrant>> = {
  customer: {
    purposes: [Purpose.DATA_SUBJECT_RIGHTS],
    capabilities: [],
    ownSubjectOnly: true,
    impliedPurpose: Purpose.DATA_SUBJECT_RIGHTS,
  },
  support: { purposes: [Purpose.CONTACT, Purpose.ORDERS, Purpose.WEBSITE], capabilities: [], ownSubjectOnly: false },
  billing: { purposes: [Purpose.SERVICE_BILLING, Purpose.ORDERS], capabilities: [], ownSubjectOnly: false },
  analyst: { purposes: [Purpose.ANALYTICS, Purpose.IMPROVEMENT], capabilities: [], ownSubjectOnly: false },
  finance: { purposes: [Purpose.LEGAL_TAX], capabilities: [], ownSubjectOnly: false },
  privacy_officer: {
    purposes: [Purpose.DATA_SUBJECT_RIGHTS],
    capabilities: [Capability.AUDIT, Capability.RIGHTS_ADMIN],
    ownSubjectOnly: false,
  },
  legal_officer: { purposes: [Purpose.LEGAL_DISCLOSURE], capabilities: [Capability.LEGAL_DEMANDS], ownSubjectOnly: false },
};

export const mayDeclare = (role: Role, purpose: Purpose): boolean => ROLE_GRANTS[role].purposes.includes(purpose);
export const hasCapability = (role: Role, c: Capability): boolean => ROLE_GRANTS[role].capabilities.includes(c);
