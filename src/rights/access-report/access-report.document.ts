import type { DataCategory } from "../../policy/categories";
import type { LawfulBasis, Purpose } from "../../policy/purposes";
import type { SourceName } from "../../config/config";
import type { ReportRow, ReportValue } from "./report-tables";

/**
 * The access report (GDPR art. 15 and 20) as a versioned JSON document. Change `ACCESS_REPORT_FORMAT_VERSION`
 * whenever a field is renamed, removed or changes meaning (adding a field is compatible and keeps it).
 */
export const ACCESS_REPORT_FORMAT_VERSION = "1";

/** How long one kind of record is kept, under which rule of src/policy/retention.ts. */
export interface RetentionPart {
  /** Which records: "crm customer record", "invoices and payments", "login events"… */
  records: string;
  source: SourceName;
  /** How many such records the subject has now. */
  count: number;
  rule: string;
  reason: string;
  /**
   * ISO date the records are deleted; null when open-ended (the contract still runs) or when none are held.
   * Rolling rules give the earliest upcoming deletion, fiscal rules the latest invoice's.
   */
  until: string | null;
  /** The same in words, e.g. "6 months after the contract ends; the contract is still running". */
  explanation: string;
  /** Fiscal retention per invoice (invoices and payments only). */
  perInvoice?: { invoiceNumber: string; until: string }[];
}

export interface CategoryRetention {
  /** The category's rule in RETENTION_RULES, and its reason. */
  rule: string;
  reason: string;
  /** When the category's data is gone (rolling rules: the next deletion); null when open-ended or none held. */
  until: string | null;
  explanation: string;
  parts: RetentionPart[];
}

export interface CategoryPurpose {
  purpose: Purpose;
  description: string;
  /** ALLOW, or MASK with the mask's name and what it shows. */
  access: "ALLOW" | "MASK";
  mask: string | null;
  maskDescription: string | null;
  basis: LawfulBasis;
  /** The article of GDPR art. 6(1) the processing rests on, e.g. "AVG art. 6(1)(b)". */
  lawfulBasis: string;
  recipients: readonly string[];
  /** False while the subject's own choice switches the processing off. */
  inEffect: boolean;
  suspendedBy: "CONSENT_WITHDRAWN" | "OBJECTION" | "RESTRICTION" | null;
}

export interface CategoryEntry {
  category: DataCategory;
  description: string;
  sources: readonly SourceName[];
  purposes: CategoryPurpose[];
  retention: CategoryRetention;
}

/** A consent, objection or restriction as the report shows it (timestamps as ISO strings). */
export type PrivacyChoiceRow = Record<string, ReportValue | readonly string[]>;

export interface AccessReportDocument {
  formatVersion: typeof ACCESS_REPORT_FORMAT_VERSION;
  /** ISO 8601 timestamp. */
  generatedAt: string;
  /** The policy (purposes, matrix, retention) the report describes: src/policy/policy-version.ts. */
  policyVersion: string;
  subject: { id: string; customerNumber: string; firstName: string; lastName: string; email: string };
  /** Everything each source holds about the subject, column by column (allow-listed: no secrets). */
  sources: {
    crm: { customer: ReportRow };
    billing: { invoices: ReportRow[]; payments: ReportRow[]; paymentMethods: ReportRow[] };
    auth: { account: ReportRow | null; loginEvents: ReportRow[] };
    weblog: { accessLog: ReportRow[] };
  };
  /** The gateway's own records about the subject. */
  gateway: {
    consents: PrivacyChoiceRow[];
    objections: PrivacyChoiceRow[];
    restriction: PrivacyChoiceRow | null;
    /** The subject's rights requests, oldest first (columns: REPORT_TABLES.rightsRequests). */
    rightsRequests: ReportRow[];
    /**
     * Disclosures to police or justice (SPEC §7) as recipient information (art. 15(1)(c); columns:
     * REPORT_TABLES.disclosures), oldest first. Only disclosures WITHOUT a confidentiality order in force
     * (Sv 126bb, UAVG art. 41): a confidential one is left out entirely (no row, no count, no hint) until lifted.
     */
    disclosures: ReportRow[];
    retention: { rule: string; reason: string; until: string | null; explanation: string };
  };
  /** Per category (art. 15(1)(a)–(d), (g)): purposes, lawful basis, recipients, retention and source. */
  categories: CategoryEntry[];
}
