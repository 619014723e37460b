import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Databases } from "../../src/db/data-sources";
import { SettableClock } from "../../src/common/clock";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { createSources } from "../../src/sources/sources";
import { DataCategory } from "../../src/policy/categories";
import { DemandChannel, IssuerType, LegalDemandBasis } from "../../src/policy/legal-bases";
import { Purpose } from "../../src/policy/purposes";
import { DemandSubjects } from "../../src/disclosure/demand-subject";
import { LegalDemandRepository } from "../../src/disclosure/legal-demand.repository";
import { LegalDemandService } from "../../src/disclosure/legal-demand.service";
import type { Actor } from "../../src/access/actor";
import type { NewLegalDemand } from "../../src/disclosure/legal-demand";
import { createSubject, type SubjectFixture } from "../support/factories";
import { demandViews } from "../support/demand-views";
import { DemandRecords, type DemandViews } from "../../src/disclosure/demand-records";
import { LegalHoldRepository } from "../../src/holds/legal-hold.repository";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

/** Recording legal demands against the law's table, and the four-eyes decision, on a real privacy store. */
describe(`legal demands (${engineName()})`, () => {
  let dbs: Databases;
  let demands: LegalDemandService;
  let anne: SubjectFixture;
  let views: DemandViews;
  const clock = new SettableClock("2026-10-02T09:00:00Z");
  const legal: Actor = { actor: "lo-1", role: "legal_officer", purpose: Purpose.LEGAL_DISCLOSURE, requestId: "r-1" };
  // The same person holding the privacy officer's role through a second token: still the recorder.
  const sameTwice: Actor = { actor: "lo-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: "r-2" };
  const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: "r-3" };
  const coded = (code: string) => (err: { extensions?: { code?: unknown } }) => err.extensions?.code === code;
  const demand = (over: Partial<NewLegalDemand> = {}): NewLegalDemand => ({
    authority: "Politie Eenheid Amsterdam", officerName: "J. de Vries", officerNumber: "PA-4411", issuerType: IssuerType.POLICE_OFFICER,
    basis: LegalDemandBasis.SV_126NC, caseReference: "PL1300-2026-000123", authorisationReference: null,
    subject: { by: "CUSTOMER_NUMBER", customerNumber: anne.customerNumber }, categories: [DataCategory.NAME, DataCategory.ADDRESS],
    range: null, channel: DemandChannel.WRITTEN, receivedAt: new Date(clock.now().getTime() - 3600_000), documentSha256: "ab".repeat(32),
    preservationDays: null, ...over,
  });
  const auditEntries = async () => (await dbs.stores.privacy.query(`SELECT entry FROM privacy.audit_event ORDER BY seq`))
    .map((r: { entry: string }) => JSON.parse(r.entry)).filter((e: { action: string }) => e.action.startsWith("LEGAL_DEMAND"));

  before(async () => {
    dbs = await openTestDatabases();
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey, clock);
    const sources = createSources(dbs.stores);
    const holds = new LegalHoldRepository(dbs.stores.privacy);
    demands = new LegalDemandService(new LegalDemandRepository(dbs.stores.privacy), new DemandSubjects(sources), new DemandRecords(sources, holds), holds, audit, clock);
    views = await demandViews(clock);
    anne = await createSubject(dbs.stores);
  });
  after(() => dbs?.close());

  test("a valid demand is RECORDED with its subject, confidential, and audited without its text", async () => {
    const d = await demands.record(legal, demand());
    assert.deepEqual([d.status, d.subjectId, d.refusals, d.confidential, d.writtenCopyDueAt, d.recordedBy, d.recordedAt],
      [ "RECORDED", anne.id, [], true, null, "lo-1", clock.now()]);
    assert.deepEqual((await demands.get(d.id))?.caseReference, "PL1300-2026-000123");
    const [entry] = (await auditEntries()).filter((e: { detail: { demandId: string } }) => e.detail.demandId === d.id);
    assert.equal(entry.action, "LEGAL_DEMAND_RECORDED");
    assert.deepEqual(entry.detail, { demandId: d.id, outcome: "RECORDED", basis: "SV_126NC", codes: [] });
    const trail = JSON.stringify(await dbs.stores.privacy.query(`SELECT * FROM privacy.audit_event`));
    for (const value of ["Politie", "de Vries", "PA-4411", "PL1300", anne.customerNumber, anne.id]) assert.ok(!trail.includes(value), value);
  });

  test("a demand the law does not allow is stored REFUSED with every reason, and never waits for approval", async () => {
    const d = await demands.record(legal, demand({
      basis: LegalDemandBasis.SV_126ND, categories: [DataCategory.IP_ADDRESS], channel: DemandChannel.ORAL, documentSha256: null,
      subject: { by: "EMAIL", email: "nobody@example.nl" },
    }));
    assert.equal(d.status, "REFUSED");
    assert.deepEqual(d.refusals, ["ISSUER_TOO_LOW", "TIME_RANGE_REQUIRED", "SUBJECT_NOT_FOUND"]);
    assert.equal(d.subjectId, null);
    await assert.rejects(demands.approve(officer, d.id, views), coded("BAD_USER_INPUT"));
    assert.equal((await demands.get(d.id))?.status, "REFUSED");
  });

  test("an oral 126nd demand is accepted with its written copy due three days after receipt", async () => {
    const receivedAt = clock.now();
    const d = await demands.record(legal, demand({
      basis: LegalDemandBasis.SV_126ND, issuerType: IssuerType.PUBLIC_PROSECUTOR, channel: DemandChannel.ORAL, documentSha256: null,
      categories: [DataCategory.EMAIL], receivedAt,
    }));
    assert.equal(d.status, "RECORDED");
    assert.deepEqual(d.writtenCopyDueAt, new Date(receivedAt.getTime() + 3 * 86_400_000));
  });

  test("four eyes: the recorder may not decide, even with another role; another privacy officer may, once", async () => {
    const d = await demands.record(legal, demand());
    await assert.rejects(demands.approve(legal, d.id, views), coded("FORBIDDEN"));
    await assert.rejects(demands.approve(sameTwice, d.id, views), coded("FORBIDDEN"));
    clock.set("2026-10-02T10:00:00Z");
    const approved = await demands.approve(officer, d.id, views);
    assert.deepEqual([approved.status, approved.decidedBy, approved.decidedAt], ["APPROVED", "po-1", clock.now()]);
    await assert.rejects(demands.reject({ ...officer, actor: "po-2" }, d.id, ["late"]), coded("BAD_USER_INPUT"));
    const entries = (await auditEntries()).filter((e: { detail: { demandId: string } }) => e.detail.demandId === d.id);
    assert.deepEqual(entries.map((e: { action: string }) => e.action), ["LEGAL_DEMAND_RECORDED", "LEGAL_DEMAND_APPROVED"]);
  });

  test("a rejection needs a reason; the audit counts the reasons and never repeats them", async () => {
    const d = await demands.record(legal, demand());
    await assert.rejects(demands.reject(officer, d.id, [" "]), coded("BAD_USER_INPUT"));
    const rejected = await demands.reject(officer, d.id, ["the case reference does not match the written order"]);
    assert.deepEqual([rejected.status, rejected.rejectionReasons], ["REJECTED", ["the case reference does not match the written order"]]);
    const [entry] = (await auditEntries()).filter((e: { action: string; detail: { demandId: string } }) => e.action === "LEGAL_DEMAND_REJECTED" && e.detail.demandId === d.id);
    assert.deepEqual(entry.detail, { demandId: d.id, basis: "SV_126NC", reasons: 1 });
    await assert.rejects(demands.approve(officer, "not-an-id", views), coded("BAD_USER_INPUT"));
    await assert.rejects(demands.approve(officer, "00000000-0000-4000-8000-000000000000", views), coded("NOT_FOUND"));
  });

  test("the register pages newest received first and filters by status", async () => {
    const all = await demands.list({ status: null, writtenCopyOverdue: null }, 100, null);
    const received = all.edges.map((e) => e.node.receivedAt.getTime());
    assert.deepEqual(received, [...received].sort((a, b) => b - a));
    const first = await demands.list({ status: null, writtenCopyOverdue: null }, 2, null);
    const next = await demands.list({ status: null, writtenCopyOverdue: null }, 100, first.pageInfo.endCursor);
    assert.deepEqual([...first.edges, ...next.edges].map((e) => e.node.id), all.edges.map((e) => e.node.id));
    const refused = await demands.list({ status: "REFUSED" as never, writtenCopyOverdue: null }, 100, null);
    assert.ok(refused.edges.length >= 1 && refused.edges.every((e) => e.node.status === "REFUSED"));
  });
  test("an oral demand's written copy: overdue after three days until recorded, recorded once, audited", async () => {
    clock.set("2026-11-01T09:00:00Z");
    const oral = await demands.record(legal, demand({
      basis: LegalDemandBasis.SV_126NI, issuerType: IssuerType.PUBLIC_PROSECUTOR, channel: DemandChannel.ORAL, documentSha256: null,
      preservationDays: 30, receivedAt: clock.now(),
    }));
    const overdueIds = async () => (await demands.list({ status: null, writtenCopyOverdue: true }, 100, null)).edges.map((e) => e.node.id);
    assert.equal(oral.writtenCopyOverdue, false);
    clock.set(oral.writtenCopyDueAt!.toISOString());
    assert.ok(!(await overdueIds()).includes(oral.id), "due, not yet overdue");
    clock.set(new Date(oral.writtenCopyDueAt!.getTime() + 1).toISOString());
    assert.ok((await overdueIds()).includes(oral.id));
    assert.equal((await demands.get(oral.id))?.writtenCopyOverdue, true);
    const notOverdue = (await demands.list({ status: null, writtenCopyOverdue: false }, 100, null)).edges.map((e) => e.node.id);
    assert.ok(!notOverdue.includes(oral.id));

    const copied = await demands.recordWrittenCopy(legal, oral.id, "cd".repeat(32));
    assert.deepEqual([copied.writtenCopyOverdue, copied.documentSha256, copied.writtenCopyReceivedAt], [false, "cd".repeat(32), clock.now()]);
    assert.ok(!(await overdueIds()).includes(oral.id));
    await assert.rejects(demands.recordWrittenCopy(legal, oral.id, "ef".repeat(32)), coded("BAD_USER_INPUT"), "once");
    const written = await demands.record(legal, demand());
    await assert.rejects(demands.recordWrittenCopy(legal, written.id, "ef".repeat(32)), coded("BAD_USER_INPUT"), "a written demand has none due");
    const [entry] = (await auditEntries()).filter((e: { action: string; detail: { demandId: string } }) =>
      e.action === "LEGAL_DEMAND_WRITTEN_COPY" && e.detail.demandId === oral.id);
    assert.deepEqual(entry.detail, { demandId: oral.id, wasOverdue: true });
  });
});
