import type { Sources } from "../../sources/sources";
import { POLICY_VERSION } from "../../policy/policy-version";
import { DATA_CATEGORIES } from "../../policy/categories";
import { AuditAction, type AuditEntryInput } from "../../audit/audit-entry";
import { appError, ErrorCode } from "../../errors/error-code";
import type { Actor } from "../../access/actor";
import type { SubjectPrivacyStatus } from "../choices/privacy-status.type";
import { actsInPortal, type PortalRequests } from "../portal-requests";
import { RightsRequestType, type RightsRequest } from "../requests/rights-request";
import { ACCESS_REPORT_FORMAT_VERSION, type AccessReportDocument, type PrivacyChoiceRow } from "./access-report.document";
import { pickColumns, REPORT_TABLES, reportValue, type ReportRow } from "./report-tables";
import { categoriesSection, categoryFacts } from "./report-categories";
import { spanOf } from "../../common/record-span";
import { ruleById } from "../../policy/retention";
import { accessReportCsv, type CsvFile } from "./access-report.csv";
import { assertId } from "../../common/uuid";
import { accessReportDownload, type AccessReportDownload, type AccessReportDownloadFormat } from "./access-report.download";
import { LEGAL_BASES, type LegalDemandBasis } from "../../policy/legal-bases";

/** The gateway's own records about a subject (ChoicesService satisfies this). */
export interface PrivacyStatusReader {
  statusFor(subjectId: string): Promise<SubjectPrivacyStatus>;
}

/** The subject's rights requests, oldest first (RightsRequestService satisfies this). */
export interface RequestHistory {
  ofSubject(subjectId: string): Promise<RightsRequest[]>;
}

/** A disclosure to police or justice the subject may learn of (the disclosure module's register satisfies this). */
export interface ReportableDisclosure {
  authority: string;
  basis: LegalDemandBasis;
  categories: readonly string[];
  firstDisclosedAt: Date;
  lastDisclosedAt: Date;
}

/** The disclosures of a subject's data it may learn of: never one under a confidentiality order in force. */
export interface DisclosureHistory {
  disclosedTo(subjectId: string): Promise<ReportableDisclosure[]>;
}

/** The audit trail as this service needs it (AuditService satisfies this). */
export interface AccessReportAudit {
  record(entries: readonly AuditEntryInput[]): Promise<void>;
}

/** Where a report is recorded: the audit trail, and for the subject's own report its rights request too. */
export interface AccessReportRecords {
  audit: AccessReportAudit;
  portal: PortalRequests;
  /** Why a record could not be written (the log); the caller only sees AUDIT_UNAVAILABLE. */
  onFailure?: (err: unknown) => void;
}

export type AccessReportFormatName = "JSON" | "CSV";

export interface RenderedAccessReport {
  formatVersion: string;
  generatedAt: Date;
  subjectId: string;
  json: AccessReportDocument | null;
  files: CsvFile[] | null;
}

const T = REPORT_TABLES;

/**
 * The access report (GDPR art. 15) and data export (art. 20): everything the four sources and the gateway
 * hold about one subject, plus per category the purposes, lawful basis, recipients, retention and source,
 * derived from the policy module. Who may ask (the subject itself, the privacy officer for anyone) is decided
 * by the central permission rules before this runs.
 */
export class AccessReportService {
  constructor(
    private readonly sources: Sources,
    private readonly privacy: PrivacyStatusReader,
    private readonly history: RequestHistory,
    private readonly disclosures: DisclosureHistory,
    private readonly records: AccessReportRecords,
  ) {}

  /** The report as a versioned JSON document. BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown subject. */
  async build(subjectId: string, now: Date = new Date()): Promise<AccessReportDocument> {
    assertId(subjectId, "subjectId", "subject");
    const id = subjectId.toLowerCase();
    const [customer] = await this.sources.crm.findByIds([id]);
    if (!customer) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    const cn = [customer.customerNumber];
    const { billing, auth, weblog } = this.sources;
    const [[invoices], [payments], [methods], [account], status, requests, disclosed] = await Promise.all([
      billing.invoicesByCustomer(cn),
      billing.paymentsByCustomer(cn),
      billing.paymentMethodsByCustomer(cn),
      auth.accountsByCustomer(cn),
      this.privacy.statusFor(id),
      this.history.ofSubject(id),
      this.disclosures.disclosedTo(id),
    ]);
    const [loginEvents, accessLog] = account
      ? await Promise.all([auth.allLoginEvents(account.id), weblog.allByAccount(account.id)])
      : [[], []];
    const recordsRule = ruleById("privacy-records");
    return {
      formatVersion: ACCESS_REPORT_FORMAT_VERSION,
      generatedAt: now.toISOString(),
      policyVersion: POLICY_VERSION,
      subject: {
        id,
        customerNumber: customer.customerNumber,
        firstName: customer.firstName,
        lastName: customer.lastName,
        email: customer.email,
      },
      sources: {
        crm: { customer: pickColumns(customer, T.customer.columns) },
        billing: {
          invoices: invoices.map((r) => pickColumns(r, T.invoices.columns)),
          payments: payments.map((r) => pickColumns(r, T.payments.columns)),
          paymentMethods: methods.map((r) => pickColumns(r, T.paymentMethods.columns)),
        },
        auth: {
          account: account ? pickColumns(account, T.account.columns) : null,
          loginEvents: loginEvents.map((r) => pickColumns(r, T.loginEvents.columns)),
        },
        weblog: { accessLog: accessLog.map((r) => pickColumns(r, T.accessLog.columns)) },
      },
      gateway: {
        consents: (status.consents ?? []).map(plainChoice),
        objections: (status.objections ?? []).map(plainChoice),
        restriction: status.restriction ? plainChoice(status.restriction) : null,
        rightsRequests: requests.map(requestRow),
        disclosures: disclosed.map(disclosureRow),
        retention: {
          rule: recordsRule.id,
          reason: recordsRule.reason,
          until: null,
          explanation: `${recordsRule.months / 12} years after each record is closed; records in force are kept while in force`,
        },
      },
      categories: categoriesSection(
        categoryFacts({
          customer,
          account,
          invoices,
          payments,
          paymentMethods: methods,
          loginEvents: spanOf(loginEvents.map((e) => e.occurredAt)),
          accessLog: spanOf(accessLog.map((l) => l.occurredAt)),
        }),
        status,
        now,
      ),
    };
  }

  /**
   * The report in the format asked for, audited before it is returned (fail closed: if the audit trail
   * cannot be written, the report does not leave). The entry holds codes and counts only. The subject's own
   * report, from the portal, is also its fulfilled rights request — ACCESS (art. 15), or PORTABILITY
   * (art. 20) for the CSV export — committed with the entry. The officer's reports answer requests that
   * the officer registers, so they add none.
   */
  async render(actor: Actor, subjectId: string, format: AccessReportFormatName, now: Date = new Date()): Promise<RenderedAccessReport> {
    const doc = await this.build(subjectId, now);
    await this.release(actor, doc, format, format === "CSV" ? RightsRequestType.PORTABILITY : RightsRequestType.ACCESS);
    return {
      formatVersion: doc.formatVersion,
      generatedAt: now,
      subjectId: doc.subject.id,
      json: format === "JSON" ? doc : null,
      files: format === "CSV" ? accessReportCsv(doc) : null,
    };
  }

  /**
   * The same report as a download (GET /access-report/export): `zip` holds the CSV files `render` gives for CSV
   * plus the JSON document, and is recorded as the CSV export is (PORTABILITY); `json` is the document, recorded
   * as ACCESS. Same checks before it (the route applies the permission rules), same audit entry and portal request.
   */
  async download(actor: Actor, subjectId: string, format: AccessReportDownloadFormat, now: Date = new Date()): Promise<AccessReportDownload> {
    const doc = await this.build(subjectId, now);
    await this.release(actor, doc, format === "zip" ? "ZIP" : "JSON", format === "zip" ? RightsRequestType.PORTABILITY : RightsRequestType.ACCESS);
    return accessReportDownload(doc, format);
  }

  /** The audit entry (and, from the portal, the fulfilled request) before anything leaves: no record, no report. */
  private async release(actor: Actor, doc: AccessReportDocument, format: string, portalType: RightsRequestType): Promise<void> {
    const entries: AuditEntryInput[] = [
      {
        action: AuditAction.SUBJECT_READ,
        actor: actor.actor,
        role: actor.role,
        purpose: actor.purpose,
        subjectId: doc.subject.id,
        categories: DATA_CATEGORIES,
        requestId: actor.requestId,
        detail: { report: "ACCESS_REPORT", format, formatVersion: doc.formatVersion },
        policyVersion: doc.policyVersion,
      },
    ];
    try {
      if (actsInPortal(actor)) await this.records.portal.fulfilled(actor, doc.subject.id, portalType, entries);
      else await this.records.audit.record(entries);
    } catch (err) {
      this.records.onFailure?.(err);
      throw appError(ErrorCode.AUDIT_UNAVAILABLE, "The audit trail could not be written; the report was not released");
    }
  }
}

function requestRow(r: RightsRequest): ReportRow {
  return pickColumns({ ...r, rejectionReasons: r.rejectionReasons?.length ? r.rejectionReasons.join("; ") : null }, T.rightsRequests.columns);
}

function disclosureRow(d: ReportableDisclosure): ReportRow {
  const row = { ...d, recipient: d.authority, legalBasis: LEGAL_BASES[d.basis].article, categories: d.categories.join("; ") };
  return pickColumns(row, T.disclosures.columns);
}

/** A consent, objection or restriction with its timestamps as ISO strings. */
function plainChoice(record: object): PrivacyChoiceRow {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : reportValue(v)]),
  );
}
