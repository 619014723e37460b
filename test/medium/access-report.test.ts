import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Databases } from "../../src/db/data-sources";
import { LegalDemandRepository } from "../../src/disclosure/legal-demand.repository";
import { createSources } from "../../src/sources/sources";
import { DATA_CATEGORIES } from "../../src/policy/categories";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import { Purpose } from "../../src/policy/purposes";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { ChoicesRepository } from "../../src/rights/choices/choices.repository";
import { ChoicesService } from "../../src/rights/choices/choices.service";
import { AccessReportService } from "../../src/rights/access-report/access-report.service";
import { RightsRequestRepository } from "../../src/rights/requests/rights-request.repository";
import { RightsRequestService } from "../../src/rights/requests/rights-request.service";
import { RequestWorkService } from "../../src/rights/requests/request-work.service";
import { RequestChannel, RightsRequestType } from "../../src/rights/requests/rights-request";
import { accessReportCsv } from "../../src/rights/access-report/access-report.csv";
import { REPORT_TABLES, type ReportRow } from "../../src/rights/access-report/report-tables";
import { parseCsv } from "../../src/rights/access-report/csv";
import { addMonths } from "../../src/policy/retention";
import { createSubject } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

type Row = Record<string, any>;
const NOW = new Date("2026-03-01T12:00:00Z");
const CARD_TOKEN = `tok_live_${randomUUID()}`;
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** A row read by direct SQL, as the report should show it: camelCase keys, timestamps as ISO strings. */
const asReported = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v instanceof Date ? v.toISOString() : v]));
/** `rows` (direct SQL) restricted to the table's allow-list; returns the columns left out, to check them too. */
function expected(table: keyof typeof REPORT_TABLES, rows: Row[]): { rows: ReportRow[]; omitted: string[] } {
  const cols: readonly string[] = REPORT_TABLES[table].columns;
  const all = rows.map(asReported);
  const omitted = [...new Set(all.flatMap((r) => Object.keys(r)).filter((k) => !cols.includes(k)))].sort();
  return { rows: all.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]]))), omitted };
}
const byId = (rows: ReportRow[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe(`access report (${engineName()})`, () => {
  let dbs: Databases;
  let reports: AccessReportService;
  let state: ChoicesService;
  let disclosures: LegalDemandRepository;
  let requests: RightsRequestService;
  const sql = (store: keyof Databases["stores"], text: string, params: unknown[] = []): Promise<Row[]> =>
    dbs.stores[store].query(text, params);
  const officer = { actor: "po-1", role: "privacy_officer" as const, purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: "r-1" };
  const portal = (subjectId: string, requestId = "r-2") => ({ actor: subjectId, role: "customer" as const, purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId });

  before(async () => {
    dbs = await openTestDatabases();
    const sources = createSources(dbs.stores);
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey);
    const exists = async (id: string) => (await sources.crm.findByIds([id]))[0] !== null;
    const work = new RequestWorkService(new RightsRequestRepository(dbs.stores.privacy), audit);
    state = new ChoicesService(new ChoicesRepository(dbs.stores.privacy), audit, exists, work);
    requests = new RightsRequestService(new RightsRequestRepository(dbs.stores.privacy), audit, exists);
    disclosures = new LegalDemandRepository(dbs.stores.privacy);
    reports = new AccessReportService(sources, state, requests, disclosures, { audit, portal: work });
  });
  after(() => dbs?.close());

  test("every section equals the rows of its source; secrets appear nowhere", async () => {
    const s = await createSubject(dbs.stores, { invoices: 4, loginEvents: 7, accessLogs: 9, paymentMethods: 1 });
    await sql("billing", `INSERT INTO billing.payment_method (customer_number, kind, card_token, card_last4, card_brand, holder_name, created_at)
      VALUES ($1, 'CARD', $2, '4242', 'VISA', 'A. de Vries', '2020-05-01T10:00:00Z')`, [s.customerNumber, CARD_TOKEN]);
    await sql("auth", `INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
      VALUES ($1, '2019-01-01T00:00:00Z', '198.51.100.9', false, 'curl/8')`, [s.accountId]); // older than any page
    await state.withdrawConsent(officer, s.id, Purpose.SERVICE_BILLING, "GENDER" as never);
    await state.objectToProcessing(officer, s.id, Purpose.ANALYTICS);
    const refused = await requests.submit(officer, { subjectId: s.id, type: RightsRequestType.ERASE, channel: RequestChannel.EMAIL, notes: "per e-mail" });
    await requests.reject(officer, refused.id, ["identity not shown", "sender is not the customer"]);
    await state.restrictProcessing(portal(s.id), s.id, "ACCURACY_CONTESTED" as never);
    await state.liftRestriction(officer, s.id);
    const doc = await reports.build(s.id, NOW);

    assert.deepEqual([doc.formatVersion, doc.generatedAt, doc.policyVersion], ["1", NOW.toISOString(), POLICY_VERSION]);
    const [customerRow] = await sql("crm", `SELECT * FROM crm.customer WHERE id = $1`, [s.id]);
    const customer = expected("customer", [customerRow]);
    assert.deepEqual(doc.sources.crm.customer, customer.rows[0]);
    assert.deepEqual(customer.omitted, ["createdAt", "updatedAt"], "only bookkeeping columns are left out");
    assert.deepEqual(doc.subject, { id: s.id, customerNumber: s.customerNumber, firstName: s.firstName, lastName: s.lastName, email: s.email });

    const invoices = expected("invoices", await sql("billing", `SELECT * FROM billing.invoice WHERE customer_number = $1`, [s.customerNumber]));
    assert.equal(doc.sources.billing.invoices.length, 4);
    assert.deepEqual(byId(doc.sources.billing.invoices), byId(invoices.rows));
    assert.deepEqual(doc.sources.billing.invoices.map((i) => i.invoiceNumber).sort(), invoices.rows.map((i) => i.invoiceNumber).sort());
    const payments = expected("payments", await sql("billing", `SELECT * FROM billing.payment WHERE customer_number = $1`, [s.customerNumber]));
    assert.deepEqual(byId(doc.sources.billing.payments), byId(payments.rows));
    const methods = expected("paymentMethods", await sql("billing", `SELECT * FROM billing.payment_method WHERE customer_number = $1`, [s.customerNumber]));
    assert.equal(doc.sources.billing.paymentMethods.length, 2);
    assert.deepEqual(byId(doc.sources.billing.paymentMethods), byId(methods.rows));
    assert.deepEqual(methods.omitted, ["cardToken"]);

    const [accountRow] = await sql("auth", `SELECT * FROM auth.account WHERE customer_number = $1`, [s.customerNumber]);
    const account = expected("account", [accountRow]);
    assert.deepEqual(doc.sources.auth.account, account.rows[0]);
    assert.equal(doc.sources.auth.account?.username, accountRow.username);
    assert.deepEqual(account.omitted, ["passwordHash"]);
    const logins = expected("loginEvents", await sql("auth", `SELECT id, account_id, occurred_at, host(ip) AS ip, success, user_agent
      FROM auth.login_event WHERE account_id = $1`, [s.accountId]));
    assert.equal(doc.sources.auth.loginEvents.length, 8, "all login events, not a page");
    assert.deepEqual(byId(doc.sources.auth.loginEvents), byId(logins.rows));
    const lines = expected("accessLog", await sql("weblog", `SELECT id, account_id, occurred_at, host(ip) AS ip, method, path, status,
      user_agent FROM weblog.access_log WHERE account_id = $1`, [s.accountId]));
    assert.equal(doc.sources.weblog.accessLog.length, 9);
    assert.deepEqual(byId(doc.sources.weblog.accessLog), byId(lines.rows));

    const directives = await sql("privacy", `SELECT kind, purpose, category, recorded_at FROM privacy.subject_directive
      WHERE subject_id = $1 AND ended_at IS NULL ORDER BY kind`, [s.id]);
    assert.equal(directives.length, 2);
    const withdrawn = doc.gateway.consents.filter((c) => c.status === "WITHDRAWN");
    assert.deepEqual(withdrawn.map((c) => [c.purpose, c.category, c.since]),
      [["SERVICE_BILLING", "GENDER", directives[0].recorded_at.toISOString()]]);
    assert.deepEqual(doc.gateway.objections.map((o) => [o.purpose, o.since]), [["ANALYTICS", directives[1].recorded_at.toISOString()]]);
    assert.equal(doc.gateway.restriction, null);
    const requestRows = expected("rightsRequests", await sql("privacy", `SELECT *, nullif(array_to_string(rejection_reasons, '; '), '') AS rejection_reasons
      FROM privacy.rights_request WHERE subject_id = $1 ORDER BY received_at`, [s.id]));
    assert.deepEqual(doc.gateway.rightsRequests, requestRows.rows);
    assert.deepEqual(doc.gateway.rightsRequests.map((r) => [r.type, r.channel, r.status, r.outcome, r.rejectionReasons, r.notes]), [
      ["ERASE", "EMAIL", "REJECTED", "REJECTED", "identity not shown; sender is not the customer", "per e-mail"],
      ["RESTRICT", "PORTAL", "COMPLETED", "FULFILLED", null, null],
    ]);
    assert.ok(requestRows.omitted.includes("handler") && requestRows.omitted.includes("subjectId"), "staff names stay out");
    assert.deepEqual(doc.gateway.disclosures, []);

    assert.deepEqual(doc.categories.map((c) => c.category), DATA_CATEGORIES);
    const purpose = (cat: string, p: string) => doc.categories.find((c) => c.category === cat)!.purposes.find((x) => x.purpose === p)!;
    assert.deepEqual([purpose("GENDER", "SERVICE_BILLING").inEffect, purpose("GENDER", "SERVICE_BILLING").suspendedBy], [false, "CONSENT_WITHDRAWN"]);
    assert.equal(purpose("GENDER", "CONTACT").inEffect, true);
    assert.equal(purpose("IP_ADDRESS", "ANALYTICS").suspendedBy, "OBJECTION");
    assert.deepEqual([purpose("NAME", "ORDERS").lawfulBasis, purpose("PAYMENT", "LEGAL_TAX").recipients],
      ["AVG art. 6(1)(b)", ["finance staff", "Belastingdienst"]]);
    const activity = doc.categories.find((c) => c.category === "ACCOUNT_ACTIVITY")!.retention;
    const [{ first }] = await sql("auth", `SELECT min(occurred_at) AS first FROM auth.login_event WHERE account_id = $1`, [s.accountId]);
    assert.equal(activity.until, addMonths(first.toISOString().slice(0, 10), 6), "the oldest login event goes first");
    assert.deepEqual(activity.parts.map((p) => [p.source, p.count]), [["auth", 8], ["weblog", 9]]);

    const texts = [JSON.stringify(doc), ...accessReportCsv(doc).map((f) => f.content)];
    for (const text of texts) {
      assert.ok(!text.includes(accountRow.password_hash), "no password hash");
      assert.ok(!text.includes(CARD_TOKEN), "no card token");
      assert.ok(!/password|cardToken|card_token/i.test(text), "not even the column names");
    }
  });

  test("retention: invoice of 2024-03-01 until 2031-12-31; contract end 2026-01-15 → crm data until 2026-07-15", async () => {
    const s = await createSubject(dbs.stores, { invoices: 8, customer: { contract_end: "2026-01-15" } }); // invoices 2017…2024
    const doc = await reports.build(s.id, NOW);
    const cat = (c: string) => doc.categories.find((x) => x.category === c)!.retention;
    const fiscal = cat("PAYMENT").parts.find((p) => p.rule === "fiscal")!;
    const inv2024 = doc.sources.billing.invoices.find((i) => i.invoiceDate === "2024-03-01")!;
    assert.deepEqual(fiscal.perInvoice!.find((p) => p.invoiceNumber === inv2024.invoiceNumber), { invoiceNumber: inv2024.invoiceNumber, until: "2031-12-31" });
    assert.equal(fiscal.perInvoice!.length, 8);
    assert.deepEqual([cat("PAYMENT").until, cat("PAYMENT").rule], ["2031-12-31", "fiscal"], "the latest invoice decides");
    for (const c of ["NAME", "ADDRESS", "GENDER", "PHONE", "EMAIL", "OTHER", "CREDENTIALS"]) {
      assert.deepEqual([cat(c).until, cat(c).rule], ["2026-07-15", "crm-after-contract"], c);
    }
    assert.equal(cat("PAYMENT").parts.find((p) => p.records === "payment methods")!.until, "2026-07-15");

    const running = await reports.build((await createSubject(dbs.stores)).id, NOW);
    const name = running.categories.find((x) => x.category === "NAME")!.retention;
    assert.equal(name.until, null);
    assert.match(name.explanation, /6 months after the contract ends; the contract is still running/);
  });

  test("a subject without an account: empty auth and weblog sections, nothing held for credentials", async () => {
    const s = await createSubject(dbs.stores, { account: false, invoices: 0, paymentMethods: 0 });
    const doc = await reports.build(s.id.toUpperCase(), NOW);
    assert.equal(doc.subject.id, s.id);
    assert.deepEqual([doc.sources.auth.account, doc.sources.auth.loginEvents, doc.sources.weblog.accessLog], [null, [], []]);
    assert.deepEqual(doc.categories.find((c) => c.category === "CREDENTIALS")!.retention.explanation, "No data of this category is held");
    const files = accessReportCsv(doc);
    assert.equal(files.find((f) => f.name === "account.csv")!.content, `${REPORT_TABLES.account.columns.join(",")}\r\n`);
  });

  test("CSV: one file per table; a value with comma, quote and newline round-trips; formulas are guarded", async () => {
    const notes = 'Bel "na" 17:00,\nof mail,\r\nliever niet';
    const s = await createSubject(dbs.stores, { customer: { notes, city: "=HYPERLINK(\"http://evil\",\"x\")", street: "@SUM(A1)" } });
    const doc = await reports.build(s.id, NOW);
    const files = accessReportCsv(doc);
    assert.deepEqual(files.map((f) => f.name), ["report.csv", "customer.csv", "invoices.csv", "payments.csv", "payment_methods.csv",
      "account.csv", "login_events.csv", "access_log.csv", "rights_requests.csv", "disclosures.csv", "privacy_choices.csv", "categories.csv"]);
    const table = (name: string) => parseCsv(files.find((f) => f.name === name)!.content);
    const [header, row, ...rest] = table("customer.csv");
    assert.equal(rest.length, 0);
    const cell = (c: string) => row[header.indexOf(c)];
    assert.equal(cell("notes"), notes, "comma, quote and line breaks survive");
    assert.equal(cell("city"), "'=HYPERLINK(\"http://evil\",\"x\")", "formula guarded in CSV");
    assert.equal(cell("street"), "'@SUM(A1)");
    assert.equal(cell("phone"), doc.sources.crm.customer.phone, "an E.164 number is not mangled");
    assert.equal(doc.sources.crm.customer.city, "=HYPERLINK(\"http://evil\",\"x\")", "the JSON keeps the exact value");
    const invoices = table("invoices.csv");
    assert.deepEqual(invoices[0], [...REPORT_TABLES.invoices.columns]);
    assert.deepEqual(invoices.slice(1).map((r) => r[1]).sort(), doc.sources.billing.invoices.map((i) => i.invoiceNumber).sort());
    assert.equal(table("login_events.csv").length - 1, doc.sources.auth.loginEvents.length);
    assert.equal(table("access_log.csv").length - 1, doc.sources.weblog.accessLog.length);
    const cats = table("categories.csv");
    assert.equal(cats.length - 1, doc.categories.reduce((n, c) => n + Math.max(1, c.purposes.length), 0));
    assert.deepEqual(table("report.csv").slice(1), [["formatVersion", "1"], ["generatedAt", NOW.toISOString()],
      ["policyVersion", POLICY_VERSION], ["subjectId", s.id]]);
  });

  test("the subject's own report is its fulfilled request (ACCESS, or PORTABILITY for CSV); the officer's adds none", async () => {
    const s = await createSubject(dbs.stores, {});
    const call = randomUUID();
    const stored = () => sql("privacy", `SELECT type, channel, status, outcome, verification_method, handler, completed_at IS NOT NULL AS closed
      FROM privacy.rights_request WHERE subject_id = $1 ORDER BY received_at`, [s.id]);
    const trail = () => sql("privacy", `SELECT action, entry::jsonb -> 'detail' ->> 'type' AS type FROM privacy.audit_event
      WHERE entry::jsonb ->> 'requestId' = $1 ORDER BY seq`, [call]);
    await reports.render({ ...officer, requestId: call }, s.id, "JSON", NOW);
    assert.deepEqual(await stored(), []);
    await reports.render(portal(s.id, call), s.id, "JSON", NOW);
    const { files } = await reports.render(portal(s.id, call), s.id, "CSV", NOW);
    const [header, ...rows] = parseCsv(files!.find((f) => f.name === "rights_requests.csv")!.content);
    assert.deepEqual(header, [...REPORT_TABLES.rightsRequests.columns]);
    assert.deepEqual(rows.map((r) => [r[header.indexOf("type")], r[header.indexOf("status")]]), [["ACCESS", "COMPLETED"]], "the export lists the earlier request");
    const request = { channel: "PORTAL", status: "COMPLETED", outcome: "FULFILLED", verification_method: "PORTAL_LOGIN", handler: null, closed: true };
    assert.deepEqual(await stored(), [{ type: "ACCESS", ...request }, { type: "PORTABILITY", ...request }]);
    const report = ["SUBJECT_READ", null];
    assert.deepEqual((await trail()).map((e) => [e.action, e.type]), [
      report,
      report, ["RIGHTS_REQUEST_RECEIVED", "ACCESS"], ["RIGHTS_REQUEST_COMPLETED", "ACCESS"],
      report, ["RIGHTS_REQUEST_RECEIVED", "PORTABILITY"], ["RIGHTS_REQUEST_COMPLETED", "PORTABILITY"],
    ]);
    const next = await reports.build(s.id, NOW);
    assert.deepEqual(next.gateway.rightsRequests.map((r) => r.type), ["ACCESS", "PORTABILITY"], "the next report lists them");
  });

  test("when the trail cannot be written, no report leaves (AUDIT_UNAVAILABLE) and no request is left without its evidence", async () => {
    const s = await createSubject(dbs.stores, {});
    const failing = {
      record: async () => { throw new Error("audit store down"); },
      appendPart: () => { throw new Error("audit store down"); },
    };
    const work = new RequestWorkService(new RightsRequestRepository(dbs.stores.privacy), failing);
    const logged: unknown[] = [];
    const broken = new AccessReportService(createSources(dbs.stores), state, requests, disclosures, { audit: failing, portal: work, onFailure: (e) => logged.push(e) });
    for (const actor of [officer, portal(s.id)]) {
      await assert.rejects(broken.render(actor, s.id, "JSON", NOW), (e: any) => e.extensions?.code === "AUDIT_UNAVAILABLE");
    }
    assert.equal(logged.length, 2);
    assert.deepEqual(await sql("privacy", `SELECT id FROM privacy.rights_request WHERE subject_id = $1`, [s.id]), [], "the request rolled back with its entries");
  });

  test("a malformed id is BAD_USER_INPUT, an unknown subject NOT_FOUND", async () => {
    await assert.rejects(reports.build("1; DROP TABLE x", NOW), (e: any) => e.extensions.code === "BAD_USER_INPUT");
    await assert.rejects(reports.build(randomUUID(), NOW), (e: any) => e.extensions.code === "NOT_FOUND");
  });
});
