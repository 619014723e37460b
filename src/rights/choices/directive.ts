import type { DataCategory } from "../../policy/categories";
import type { Purpose } from "../../policy/purposes";
import type { Role } from "../../policy/roles";

/** What a row of privacy.subject_directive says about the subject. */
export enum DirectiveKind {
  /**
   * Consent given for one (purpose, category) cell whose basis is consent, with when and under which policy
   * version: at sign-up (the demo seeder records it), or again after a withdrawal. A cell has at most one of
   * CONSENT_GIVEN and CONSENT_WITHDRAWN in force; a cell with neither is given without a record of when.
   * Enforcement reads only withdrawals.
   */
  CONSENT_GIVEN = "CONSENT_GIVEN",
  /** Consent withdrawn for one (purpose, category) cell whose basis is consent. */
  CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN",
  /** Objection (art. 21) to a purpose's legitimate-interest cells. */
  OBJECTION = "OBJECTION",
  /** Restriction of processing (art. 18). */
  RESTRICTION = "RESTRICTION",
  /**
   * Not a choice: the subject was erased while a hold (a preservation order, Sv 126ni) keeps its crm record. The
   * record stays unchanged for the order; every purpose that could still find it treats the subject as erased —
   * restricted (only LEGAL_TAX, LEGAL_DISCLOSURE and the privacy officer's DATA_SUBJECT_RIGHTS read it) and, for
   * the subject's own token, not found. Written by the erasure, never ended by a rights mutation, never shown as
   * a choice.
   */
  ERASED = "ERASED",
}

/**
 * The grounds of art. 18(1). A closed list instead of free text: a reason typed by hand could carry
 * personal data (health, a BSN…) into a table that is kept for years as evidence.
 */
export enum RestrictionReason {
  /** (a) the subject contests the accuracy of the data */
  ACCURACY_CONTESTED = "ACCURACY_CONTESTED",
  /** (b) the processing is unlawful and the subject prefers restriction to erasure */
  UNLAWFUL_PROCESSING = "UNLAWFUL_PROCESSING",
  /** (c) we no longer need the data, the subject needs it for a legal claim */
  LEGAL_CLAIMS = "LEGAL_CLAIMS",
  /** (d) the subject objected and the balancing is pending */
  OBJECTION_PENDING = "OBJECTION_PENDING",
}

/** A consent cell as the subject sees it: given unless a withdrawal is in force. */
export enum ConsentStatus {
  GIVEN = "GIVEN",
  WITHDRAWN = "WITHDRAWN",
}

/** One directive in force (ended_at is null). */
export interface ActiveDirective {
  id: string;
  subjectId: string;
  kind: DirectiveKind;
  purpose: Purpose | null;
  category: DataCategory | null;
  reason: RestrictionReason | null;
  recordedAt: Date;
  recordedByRole: Role;
  policyVersion: string;
}

/** One directive in the subject's history, in force or ended. */
export interface DirectiveHistoryEntry extends ActiveDirective {
  endedAt: Date | null;
  endedByRole: Role | null;
}

/** A directive to record; who and under which policy are given by the writer. */
export interface NewDirective {
  kind: DirectiveKind;
  purpose?: Purpose | null;
  category?: DataCategory | null;
  reason?: RestrictionReason | null;
}
