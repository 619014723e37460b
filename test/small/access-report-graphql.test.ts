import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { graphql } from "graphql";
import { buildSchema } from "type-graphql";
import { DateTimeISO } from "../../src/common/date-time.scalar";
import { SchemaClassification } from "../../src/access/schema-classification";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import type { AuditEntryInput } from "../../src/audit/audit-entry";
import type { Sources } from "../../src/sources/sources";
import { AccessReportResolver } from "../../src/rights/access-report/access-report.resolver";
import { AccessReportService, type AccessReportAudit } from "../../src/rights/access-report/access-report.service";
import type { AccessReportDocument } from "../../src/rights/access-report/access-report.document";
import { toPrivacyStatus } from "../../src/rights/choices/privacy-status";

const ID = "0b9d5c1e-0000-4000-8000-00000000abcd";
const NOW = new Date("2026-03-01T12:00:00Z");

/** The service with its source reads replaced by a fixed document: only rendering, auditing and the schema are tested. */
class StubReports extends AccessReportService {
  override async build(subjectId: string, now: Date): Promise<AccessReportDocument> {
    const customer = { id: ID, customerNumber: "T1", firstName: "Anne", lastName: "de Vries", email: "a@example.nl", notes: "=1+1" };
    return {
      formatVersion: "1", generatedAt: now.toISOString(), policyVersion: POLICY_VERSION,
      subject: { id: subjectId, customerNumber: "T1", firstName: "Anne", lastName: "de Vries", email: "a@example.nl" },
      sources: { crm: { customer }, billing: { invoices: [], payments: [], paymentMethods: [] }, auth: { account: null, loginEvents: [] }, weblog: { accessLog: [] } },
      gateway: { consents: [], objections: [], restriction: null, rightsRequests: [], disclosures: [],
        retention: { rule: "privacy-records", reason: "r", until: null, explanation: "e" } },
      categories: [],
    };
  }
}

async function setUp(audit: AccessReportAudit) {
  // The officer's reports register no request: a portal that would be called fails the test.
  const portal = { fulfilled: async () => assert.fail("an officer's report is no portal request") };
  const history = { ofSubject: async () => [] };
  const reports = new StubReports({} as Sources, { statusFor: async () => toPrivacyStatus(ID, []) }, history, { disclosedTo: async () => [] }, { audit, portal });
  const resolver = new AccessReportResolver(reports, { now: () => NOW });
  const schema = await buildSchema({ resolvers: [AccessReportResolver], container: { get: () => resolver }, validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeISO }] });
  const contextValue = { requestId: "req-9", principal: { actor: "po-7", role: "privacy_officer", subjectId: null }, purpose: "DATA_SUBJECT_RIGHTS" };
  const run = async (source: string): Promise<any> =>
    JSON.parse(JSON.stringify(await graphql({ schema, source, variableValues: { id: ID }, contextValue })));
  return { schema, run };
}

test("accessReport: every field classified; JSON by default, CSV on request; one audit entry per report", async () => {
  const entries: AuditEntryInput[] = [];
  const { schema, run } = await setUp({ record: async (e) => void entries.push(...e) });
  const classification = new SchemaClassification(schema);
  assert.deepEqual(classification.unclassified(), []);
  assert.equal(classification.isAssembled("AccessReport"), false, "a privacy record, not a projected personal-data type");

  const json = await run(`query($id: ID!) { accessReport(subjectId: $id) { formatVersion generatedAt subjectId json files { name } } }`);
  assert.equal(json.errors, undefined);
  assert.deepEqual([json.data.accessReport.formatVersion, json.data.accessReport.generatedAt, json.data.accessReport.files],
    ["1", NOW.toISOString(), null]);
  assert.equal(json.data.accessReport.json.sources.crm.customer.notes, "=1+1");

  const csv = await run(`query($id: ID!) { accessReport(subjectId: $id, format: CSV) { json files { name content } } }`);
  assert.equal(csv.data.accessReport.json, null);
  const customer = csv.data.accessReport.files.find((f: any) => f.name === "customer.csv");
  assert.match(customer.content, /'=1\+1/);

  assert.equal(entries.length, 2);
  assert.deepEqual([entries[0].action, entries[0].actor, entries[0].role, entries[0].purpose, entries[0].subjectId, entries[0].requestId],
    ["SUBJECT_READ", "po-7", "privacy_officer", "DATA_SUBJECT_RIGHTS", ID, "req-9"]);
  assert.deepEqual([entries[0].detail, entries[1].detail?.format], [{ report: "ACCESS_REPORT", format: "JSON", formatVersion: "1" }, "CSV"]);
  assert.ok(!JSON.stringify(entries).includes("Anne"), "the audit entry carries no personal data");
});

test("accessReport fails closed: when the audit trail cannot be written, no report leaves", async () => {
  const { run } = await setUp({ record: async () => { throw new Error("audit down"); } });
  const res = await run(`query($id: ID!) { accessReport(subjectId: $id) { json } }`);
  assert.equal(res.data.accessReport, null);
  assert.equal(res.errors.length, 1);
  assert.equal(res.errors[0].extensions.code, "AUDIT_UNAVAILABLE");
});
