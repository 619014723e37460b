import type { AccessReportDocument, PrivacyChoiceRow } from "./access-report.document";
import { REPORT_TABLES, type ReportRow, type ReportTable } from "./report-tables";
import { toCsv, type CsvCell } from "./csv";

export interface CsvFile {
  name: string;
  content: string;
}

/**
 * The access report as CSV files (RFC 4180, UTF-8, CRLF, header row; see csv.ts for quoting and the
 * formula-injection guard). Layout, documented for whoever imports it:
 * - report.csv: key,value — formatVersion, generatedAt, policyVersion, subjectId;
 * - one file per source table, columns as in REPORT_TABLES (the JSON document's field names):
 *   customer.csv, invoices.csv, payments.csv, payment_methods.csv, account.csv, login_events.csv, access_log.csv;
 *   a table without rows is a header line only;
 * - rights_requests.csv: the subject's rights requests, columns as in REPORT_TABLES.rightsRequests;
 * - disclosures.csv: disclosures to police or justice the subject may learn of (REPORT_TABLES.disclosures);
 * - privacy_choices.csv: the gateway's records — kind (CONSENT, OBJECTION, RESTRICTION), purpose, category
 *   (objections: the categories, separated by ";"), status, since, reason, policyVersion, recordedByRole;
 * - categories.csv: one row per (category, purpose) — lists inside a cell are separated by "; " — with the
 *   category's retention repeated on each row; a category without purposes has one row with empty purpose.
 * Timestamps are ISO 8601 UTC, dates YYYY-MM-DD, amounts decimal strings, booleans true/false.
 */
export function accessReportCsv(doc: AccessReportDocument): CsvFile[] {
  const s = doc.sources;
  const tables: [ReportTable, ReportRow[]][] = [
    ["customer", [s.crm.customer]],
    ["invoices", s.billing.invoices],
    ["payments", s.billing.payments],
    ["paymentMethods", s.billing.paymentMethods],
    ["account", s.auth.account ? [s.auth.account] : []],
    ["loginEvents", s.auth.loginEvents],
    ["accessLog", s.weblog.accessLog],
    ["rightsRequests", doc.gateway.rightsRequests],
    ["disclosures", doc.gateway.disclosures],
  ];
  return [
    {
      name: "report.csv",
      content: toCsv(["key", "value"], [
        ["formatVersion", doc.formatVersion],
        ["generatedAt", doc.generatedAt],
        ["policyVersion", doc.policyVersion],
        ["subjectId", doc.subject.id],
      ]),
    },
    ...tables.map(([table, rows]) => tableFile(table, rows)),
    { name: "privacy_choices.csv", content: choicesCsv(doc) },
    { name: "categories.csv", content: categoriesCsv(doc) },
  ];
}

function tableFile(table: ReportTable, rows: readonly ReportRow[]): CsvFile {
  const columns: readonly string[] = REPORT_TABLES[table].columns;
  return { name: REPORT_TABLES[table].file, content: toCsv(columns, rows.map((r) => columns.map((c) => r[c]))) };
}

const CHOICE_COLUMNS = ["kind", "purpose", "category", "status", "since", "reason", "policyVersion", "recordedByRole"];

function choicesCsv(doc: AccessReportDocument): string {
  const cell = (v: PrivacyChoiceRow[string] | undefined): CsvCell => (Array.isArray(v) ? v.join(";") : (v as CsvCell));
  const row = (kind: string, r: PrivacyChoiceRow, over: Record<string, CsvCell> = {}): CsvCell[] =>
    CHOICE_COLUMNS.map((c) => (c === "kind" ? kind : c in over ? over[c] : cell(r[c])));
  const g = doc.gateway;
  return toCsv(CHOICE_COLUMNS, [
    ...g.consents.map((r) => row("CONSENT", r)),
    ...g.objections.map((r) => row("OBJECTION", r, { category: cell(r.categories) })),
    ...(g.restriction ? [row("RESTRICTION", g.restriction)] : []),
  ]);
}

const CATEGORY_COLUMNS = [
  "category", "description", "sources", "purpose", "access", "mask", "lawfulBasis", "recipients", "inEffect",
  "suspendedBy", "retentionUntil", "retentionRule", "retentionReason", "retentionExplanation",
];

function categoriesCsv(doc: AccessReportDocument): string {
  const rows = doc.categories.flatMap((c) => {
    const head = [c.category, c.description, c.sources.join("; ")];
    const tail = [c.retention.until, c.retention.rule, c.retention.reason, c.retention.explanation];
    if (c.purposes.length === 0) return [[...head, null, null, null, null, null, null, null, ...tail]];
    return c.purposes.map((p) => [
      ...head, p.purpose, p.access, p.mask, p.lawfulBasis, p.recipients.join("; "), p.inEffect, p.suspendedBy, ...tail,
    ]);
  });
  return toCsv(CATEGORY_COLUMNS, rows);
}
