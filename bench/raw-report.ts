import { CUSTOMER_BY_IDS_SQL, type CustomerRecord } from "../src/sources/crm/crm.adapter";
import {
  INVOICE_SQL,
  PAYMENT_METHOD_SQL,
  PAYMENT_SQL,
  type InvoiceRecord,
  type PaymentMethodRecord,
  type PaymentRecord,
} from "../src/sources/billing/billing.adapter";
import { ACCOUNT_SQL, ALL_LOGIN_EVENTS_SQL, type AccountRecord, type LoginEventRecord } from "../src/sources/auth/auth.adapter";
import { ALL_ACCESS_LOG_SQL, type AccessLogRecord } from "../src/sources/weblog/weblog.adapter";
import { ACTIVE_BY_SUBJECTS_SQL } from "../src/rights/choices/choices.repository";
import { REQUESTS_BY_SUBJECT_SQL } from "../src/rights/requests/rights-request.sql";
import { DISCLOSED_TO_SQL } from "../src/disclosure/legal-demand.repository";
import type { DisclosedDemand } from "../src/disclosure/legal-demand";
import { LEGAL_BASES } from "../src/policy/legal-bases";
import type { RightsRequest } from "../src/rights/requests/rights-request";
import type { ActiveDirective } from "../src/rights/choices/directive";
import { toPrivacyStatus } from "../src/rights/choices/privacy-status";
import { categoriesSection, categoryFacts } from "../src/rights/access-report/report-categories";
import { spanOf } from "../src/common/record-span";
import { ruleById } from "../src/policy/retention";
import { ACCESS_REPORT_FORMAT_VERSION } from "../src/rights/access-report/access-report.document";
import { AuditAction } from "../src/audit/audit-entry";
import { DATA_CATEGORIES } from "../src/policy/categories";
import { POLICY_VERSION } from "../src/policy/policy-version";
import { appendAudit, caller, q } from "./raw-db";

/**
 * POST /report {id}: the access report (format JSON) without the gateway. The same statements as
 * AccessReportService.build (the adapters' exported SQL) in the same dependency order: customer → [invoices,
 * payments, payment methods, account, directives in force, rights requests, disclosures] → [all login events, all access-log lines] by
 * account; then the same ONE audit entry, through the same group commit. The document is assembled by hand
 * (row by row, no column allow-list walk); only the policy-derived parts — the consent cells of the policy
 * (toPrivacyStatus) and the per-category purposes and retention (categoryFacts, categoriesSection) — call the gateway's pure
 * policy functions: a hand-written server would have to compute exactly that, and re-deriving the policy here
 * would only be a second copy of it. Answers `{ accessReport: { json } }`, what the gateway returns under `data`.
 */

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

const customerRow = (c: CustomerRecord) => ({
  id: c.id, customerNumber: c.customerNumber, firstName: c.firstName, lastName: c.lastName, street: c.street,
  houseNumber: c.houseNumber, postalCode: c.postalCode, city: c.city, country: c.country, gender: c.gender,
  phone: c.phone, email: c.email, notes: c.notes, contractStart: c.contractStart, contractEnd: c.contractEnd,
});

const invoiceRow = (i: InvoiceRecord) => ({
  id: i.id, invoiceNumber: i.invoiceNumber, customerNumber: i.customerNumber, invoiceDate: i.invoiceDate,
  dueDate: i.dueDate, billingName: i.billingName, billingStreet: i.billingStreet, billingPostalCode: i.billingPostalCode,
  billingCity: i.billingCity, billingCountry: i.billingCountry, amountExclVat: i.amountExclVat, vatRate: i.vatRate,
  vatAmount: i.vatAmount, amountInclVat: i.amountInclVat, currency: i.currency, status: i.status,
});

const paymentRow = (p: PaymentRecord) => ({
  id: p.id, invoiceId: p.invoiceId, customerNumber: p.customerNumber, paidAt: p.paidAt.toISOString(),
  amount: p.amount, method: p.method, reference: p.reference,
});

const methodRow = (m: PaymentMethodRecord) => ({
  id: m.id, customerNumber: m.customerNumber, kind: m.kind, iban: m.iban, cardLast4: m.cardLast4,
  cardBrand: m.cardBrand, holderName: m.holderName, active: m.active, createdAt: m.createdAt.toISOString(),
});

const accountRow = (a: AccountRecord) => ({
  id: a.id, customerNumber: a.customerNumber, username: a.username, mfaEnabled: a.mfaEnabled,
  createdAt: a.createdAt.toISOString(), lastLoginAt: iso(a.lastLoginAt),
});

const loginRow = (e: LoginEventRecord) => ({
  id: e.id, accountId: e.accountId, occurredAt: e.occurredAt.toISOString(), ip: e.ip, success: e.success, userAgent: e.userAgent,
});

const logRow = (l: AccessLogRecord) => ({
  id: l.id, accountId: l.accountId, occurredAt: l.occurredAt.toISOString(), ip: l.ip, method: l.method,
  path: l.path, status: l.status, userAgent: l.userAgent,
});

const requestRow = (r: RightsRequest) => ({
  id: r.id, type: r.type, channel: r.channel, status: r.status, receivedAt: r.receivedAt.toISOString(), dueAt: r.dueAt.toISOString(),
  verificationMethod: r.verificationMethod, verifiedAt: iso(r.verifiedAt), handlerRole: r.handlerRole, notes: r.notes,
  outcome: r.outcome, outcomeText: r.outcomeText, rejectionReasons: r.rejectionReasons?.length ? r.rejectionReasons.join("; ") : null, completedAt: iso(r.completedAt),
});

/** A consent, objection or restriction with its timestamps as ISO strings (lists of names as strings). */
const choice = (record: object) =>
  Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v instanceof Date ? v.toISOString() : (v ?? null)]),
  );

export async function rawReport(rawId: string) {
  const id = rawId.toLowerCase();
  const [customer] = await q<CustomerRecord>("crm", CUSTOMER_BY_IDS_SQL, [[id]]);
  if (!customer) throw new Error("raw report: no such subject");
  const cn = [customer.customerNumber];
  const [invoices, payments, methods, [account], directives, requests, disclosed] = await Promise.all([
    q<InvoiceRecord>("billing", INVOICE_SQL, [cn]),
    q<PaymentRecord>("billing", PAYMENT_SQL, [cn]),
    q<PaymentMethodRecord>("billing", PAYMENT_METHOD_SQL, [cn]),
    q<AccountRecord | undefined>("auth", ACCOUNT_SQL, [cn]),
    q<ActiveDirective>("privacy", ACTIVE_BY_SUBJECTS_SQL, [[id]]),
    q<RightsRequest>("privacy", REQUESTS_BY_SUBJECT_SQL, [id]),
    q<DisclosedDemand>("privacy", DISCLOSED_TO_SQL, [id]),
  ]);
  const [logins, log] = account
    ? await Promise.all([
        q<LoginEventRecord>("auth", ALL_LOGIN_EVENTS_SQL, [account.id]),
        q<AccessLogRecord>("weblog", ALL_ACCESS_LOG_SQL, [account.id]),
      ])
    : [[], []];
  const now = new Date();
  const status = toPrivacyStatus(id, directives);
  const records = ruleById("privacy-records");
  const json = {
    formatVersion: ACCESS_REPORT_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    policyVersion: POLICY_VERSION,
    subject: { id, customerNumber: customer.customerNumber, firstName: customer.firstName, lastName: customer.lastName, email: customer.email },
    sources: {
      crm: { customer: customerRow(customer) },
      billing: { invoices: invoices.map(invoiceRow), payments: payments.map(paymentRow), paymentMethods: methods.map(methodRow) },
      auth: { account: account ? accountRow(account) : null, loginEvents: logins.map(loginRow) },
      weblog: { accessLog: log.map(logRow) },
    },
    gateway: {
      consents: (status.consents ?? []).map(choice),
      objections: (status.objections ?? []).map(choice),
      restriction: status.restriction ? choice(status.restriction) : null,
      rightsRequests: requests.map(requestRow),
      disclosures: disclosed.map((d) => ({ recipient: d.authority, legalBasis: LEGAL_BASES[d.basis].article, categories: d.categories.join("; "),
        firstDisclosedAt: d.firstDisclosedAt.toISOString(), lastDisclosedAt: d.lastDisclosedAt.toISOString() })),
      retention: {
        rule: records.id,
        reason: records.reason,
        until: null,
        explanation: `${records.months / 12} years after each record is closed; records in force are kept while in force`,
      },
    },
    categories: categoriesSection(
      categoryFacts({
        customer,
        account: account ?? null,
        invoices,
        payments,
        paymentMethods: methods,
        loginEvents: spanOf(logins.map((e) => e.occurredAt)),
        accessLog: spanOf(log.map((l) => l.occurredAt)),
      }),
      status,
      now,
    ),
  };
  await appendAudit([
    {
      action: AuditAction.SUBJECT_READ,
      ...caller,
      subjectId: id,
      categories: DATA_CATEGORIES,
      detail: { report: "ACCESS_REPORT", format: "JSON", formatVersion: ACCESS_REPORT_FORMAT_VERSION },
      policyVersion: POLICY_VERSION,
    },
  ]);
  return { accessReport: { json } };
}
