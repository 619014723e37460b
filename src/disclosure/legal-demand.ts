import type { DataCategory } from "../policy/categories";
import type { DemandChannel, DemandRefusal, IssuerType, LegalDemandBasis } from "../policy/legal-bases";
import type { SubjectNaming } from "./demand-subject";

/** Where a legal demand is in its life (SPEC §7). */
export enum LegalDemandStatus {
  /** Valid against the law's table; waits for a privacy officer (four eyes). */
  RECORDED = "RECORDED",
  /** Failed the check against the law's table (or named no single subject): never disclosed. */
  REFUSED = "REFUSED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  EXECUTED = "EXECUTED",
  /** A 126ne window still open: what existed so far was disclosed. */
  PARTIALLY_EXECUTED = "PARTIALLY_EXECUTED",
  CLOSED = "CLOSED",
}

/** A demand as the legal officer records it. */
export interface NewLegalDemand {
  authority: string;
  officerName: string;
  officerNumber: string;
  issuerType: IssuerType;
  basis: LegalDemandBasis;
  caseReference: string;
  authorisationReference: string | null;
  subject: SubjectNaming;
  categories: readonly DataCategory[];
  range: { from: Date; to: Date } | null;
  channel: DemandChannel;
  receivedAt: Date;
  documentSha256: string | null;
  preservationDays: number | null;
}

/** A stored demand. */
export interface LegalDemand extends Omit<NewLegalDemand, "categories"> {
  id: string;
  status: LegalDemandStatus;
  categories: DataCategory[];
  /** The subject the demand was resolved to; null when it named none or several. */
  subjectId: string | null;
  /** Oral demands under a basis that allows them: when the written copy is due. */
  writtenCopyDueAt: Date | null;
  /** When the written copy of an oral demand was recorded (its hash is then documentSha256). */
  writtenCopyReceivedAt: Date | null;
  refusals: DemandRefusal[];
  confidential: boolean;
  recordedBy: string;
  recordedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReasons: string[] | null;
  /** When a privacy officer lifted the confidentiality order (with evidence); null while in force or never applied. */
  confidentialityLiftedAt: Date | null;
  closedAt: Date | null;
}

/** A disclosure the subject may learn of (art. 15(1)(c)): to whom, under what, which categories, when. */
export interface DisclosedDemand {
  id: string;
  authority: string;
  basis: LegalDemandBasis;
  categories: DataCategory[];
  firstDisclosedAt: Date;
  lastDisclosedAt: Date;
}

/** A stored demand as shown at a moment: whether an oral demand's written copy is overdue then. */
export interface ShownLegalDemand extends LegalDemand {
  writtenCopyOverdue: boolean;
}
