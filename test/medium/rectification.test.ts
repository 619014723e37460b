import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { graphql } from "graphql";
import { buildSchema, Query, Resolver } from "type-graphql";
import type { Databases } from "../../src/db/data-sources";
import { sqlStats } from "../../src/db/sql-stats";
import { Purpose } from "../../src/policy/purposes";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { subjectHash } from "../../src/audit/subject-hash";
import { CrmAdapter } from "../../src/sources/crm/crm.adapter";
import { StoreUnavailableError } from "../../src/db/store-error";
import type { Actor } from "../../src/access/actor";
import { RectificationService, type CustomerStore, type RectificationAudit } from "../../src/rights/rectification/rectification.service";
import { RectificationResolver } from "../../src/rights/rectification/rectification.resolver";
import { RightsRequestRepository } from "../../src/rights/requests/rights-request.repository";
import { RightsRequestService } from "../../src/rights/requests/rights-request.service";
import { RequestWorkService } from "../../src/rights/requests/request-work.service";
import { RequestChannel, RightsRequestType, VerificationMethod } from "../../src/rights/requests/rights-request";
import { createSubject } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() };
type Row = Record<string, any>;

describe(`rectification (${engineName()})`, () => {
  const hashKey = testConfig().audit.hashKey;
  let dbs: Databases;
  let crm: CrmAdapter;
  let audit: AuditService;
  let service: RectificationService;
  let work: RequestWorkService;
  let requests: RightsRequestService;
  const portal = (subjectId: string): Actor => ({ actor: subjectId, role: "customer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() });
  /** The subject's requests with their tasks, as stored. */
  const storedRequests = async (subjectId: string): Promise<Row[]> =>
    dbs.stores.privacy.query(
      `SELECT r.id, r.type, r.channel, r.status, r.outcome, r.handler, t.source, t.status AS task, t.attempts, t.last_error_code AS code
         FROM privacy.rights_request r LEFT JOIN privacy.rights_request_task t ON t.request_id = r.id
        WHERE r.subject_id = $1 ORDER BY r.received_at`,
      [subjectId],
    );

  const customer = async (id: string): Promise<Row> =>
    (await dbs.stores.crm.query(`SELECT * FROM crm.customer WHERE id = $1`, [id]))[0];
  const billing = async (customerNumber: string): Promise<Row[]> =>
    dbs.stores.billing.query(
      `SELECT i.*, p.id AS payment_id, p.amount AS paid FROM billing.invoice i
         LEFT JOIN billing.payment p ON p.invoice_id = i.id WHERE i.customer_number = $1 ORDER BY i.invoice_number`,
      [customerNumber],
    );
  const auditEntries = async (subjectId: string): Promise<Row[]> =>
    (
      await dbs.stores.privacy.query(`SELECT entry FROM privacy.audit_event WHERE subject_hash = $1 ORDER BY seq`, [
        subjectHash(hashKey, subjectId),
      ])
    ).map((r: { entry: string }) => JSON.parse(r.entry));
  const auditText = async (): Promise<string> =>
    (await dbs.stores.privacy.query(`SELECT string_agg(t::text, '|') AS all FROM privacy.audit_event t`))[0].all ?? "";
  const auditCount = async (): Promise<number> =>
    (await dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.audit_event`))[0].n;
  const newSubject = (customer: Record<string, unknown> = {}) => createSubject(dbs.stores, { customer, account: false });

  before(async () => {
    dbs = await openTestDatabases();
    crm = new CrmAdapter(dbs.stores.crm);
    audit = new AuditService(new AuditRepository(dbs.stores.privacy), hashKey);
    work = new RequestWorkService(new RightsRequestRepository(dbs.stores.privacy), audit);
    requests = new RightsRequestService(new RightsRequestRepository(dbs.stores.privacy), audit, async (id) => (await crm.findByIds([id]))[0] !== null);
    service = new RectificationService(crm, audit, work);
  });
  after(() => dbs?.close());

  test("a valid change is written to crm only, in one statement, and audited without the values", async () => {
    const s = await newSubject({ notes: null });
    const other = await newSubject();
    const [beforeRow, otherBefore, billingBefore] = [await customer(s.id), await customer(other.id), await billing(s.customerNumber)];
    assert.equal(billingBefore.length, 3);
    const crmStatements = sqlStats.byStore.crm ?? 0;
    const result = await service.rectify(officer, s.id.toUpperCase(), {
      lastName: "Jansen-Qwerty", postalCode: "3511ab", city: "Utrecht", phone: "+31 6 9876 5432",
      email: "nieuw.adres@voorbeeld.nl", notes: "Belt na 19:00 Zyxwv", gender: "X",
    });
    assert.equal((sqlStats.byStore.crm ?? 0) - crmStatements, 2, "one read (country, existence) and one UPDATE");
    assert.deepEqual(result, {
      subjectId: s.id, source: "crm", requestId: null,
      changedFields: ["lastName", "postalCode", "city", "phone", "email", "notes", "gender"],
      categories: ["NAME", "ADDRESS", "GENDER", "PHONE", "EMAIL", "OTHER"],
    });
    const row = await customer(s.id);
    assert.deepEqual(
      [row.last_name, row.postal_code, row.city, row.phone, row.email, row.notes, row.gender],
      ["Jansen-Qwerty", "3511 AB", "Utrecht", "+31698765432", "nieuw.adres@voorbeeld.nl", "Belt na 19:00 Zyxwv", "X"],
    );
    const untouched = ["first_name", "street", "house_number", "country", "customer_number", "contract_start", "created_at"];
    for (const c of untouched) assert.deepEqual(row[c], beforeRow[c], c);
    assert.ok(row.updated_at > beforeRow.updated_at);
    assert.deepEqual(await customer(other.id), otherBefore, "other subjects are untouched");
    assert.deepEqual(await billing(s.customerNumber), billingBefore, "issued invoices and payments are untouched");

    const entries = await auditEntries(s.id);
    assert.deepEqual(entries.map((e) => e.detail.outcome), ["REQUESTED", "APPLIED"]);
    for (const e of entries) {
      assert.deepEqual([e.action, e.actor, e.role, e.purpose, e.requestId, e.policyVersion],
        ["RECTIFICATION_RECORDED", "po-1", "privacy_officer", "DATA_SUBJECT_RIGHTS", officer.requestId, POLICY_VERSION]);
      assert.deepEqual(e.categories, ["ADDRESS", "EMAIL", "GENDER", "NAME", "OTHER", "PHONE"]);
      assert.deepEqual(e.detail.fields, result.changedFields);
      assert.equal(e.detail.source, "crm");
    }
    const text = await auditText();
    for (const value of ["Jansen-Qwerty", "3511 AB", "Utrecht", "+31698765432", "nieuw.adres", "Zyxwv", s.id]) {
      assert.ok(!text.includes(value), "no value reaches the audit trail");
    }
  });

  test("each validation error is BAD_USER_INPUT naming the field, and nothing is stored anywhere", async () => {
    const s = await newSubject();
    const rowBefore = await customer(s.id);
    const entriesBefore = await auditCount();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ postalCode: "123 AB" }, ["postalCode"]],
      [{ postalCode: "0123AB", city: "Zwolle" }, ["postalCode"]],
      [{ phone: "0612345678" }, ["phone"]],
      [{ email: "anne@@example" }, ["email"]],
      [{ firstName: "B".repeat(101) }, ["firstName"]],
      [{ notes: "n".repeat(2001) }, ["notes"]],
      [{ country: "XX" }, ["country"]],
      [{ country: "BE", postalCode: "10;00" }, ["postalCode"]],
      [{ email: null }, ["email"]],
      [{ street: "Kerkstraat", phone: "+31 6", lastName: "" }, ["lastName", "phone"]],
    ];
    for (const [input, fields] of cases) {
      await assert.rejects(service.rectify(officer, s.id, input), (err: any) => {
        assert.equal(err.extensions?.code, "BAD_USER_INPUT");
        assert.deepEqual(err.extensions.fields, fields);
        for (const v of Object.values(input)) if (typeof v === "string" && v.length > 4) assert.ok(!err.message.includes(v));
        return true;
      });
    }
    await assert.rejects(service.rectify(officer, s.id, {}), { extensions: { code: "BAD_USER_INPUT" } });
    await assert.rejects(service.rectify(officer, s.id, { invoiceNumber: "2017-1", city: "Delft" }), /issued invoices are never edited/);
    await assert.rejects(service.rectify(officer, "not-a-uuid", { city: "Delft" }), { extensions: { code: "BAD_USER_INPUT" } });
    await assert.rejects(service.rectify(officer, randomUUID(), { city: "Delft" }), { extensions: { code: "NOT_FOUND" } });
    assert.deepEqual(await customer(s.id), rowBefore);
    assert.equal(await auditCount(), entriesBefore, "a refused request writes no audit entry either");
  });

  test("a BSN in notes (or any free text) is refused with BAD_USER_INPUT and nothing is stored", async () => {
    const s = await newSubject();
    const rowBefore = await customer(s.id);
    const entriesBefore = await auditCount();
    for (const input of [{ notes: "Mijn BSN is 111222333, bel me" }, { city: "Delft", street: "111.222.333 straat" }]) {
      await assert.rejects(service.rectify(officer, s.id, input), (err: any) =>
        err.extensions?.code === "BAD_USER_INPUT" && /citizen service number/.test(err.message) && !/111/.test(err.message));
    }
    assert.deepEqual(await customer(s.id), rowBefore);
    assert.equal(await auditCount(), entriesBefore);
    assert.ok(!(await auditText()).includes("111222333"));
  });

  test("failures are explicit: audit down → nothing changed; crm down → a FAILED entry; subject gone → NOT_FOUND entry", async () => {
    const s = await newSubject();
    const rowBefore = await customer(s.id);
    const auditDown: RectificationAudit = { record: async () => { throw new Error("audit store down"); } };
    await assert.rejects(new RectificationService(crm, auditDown, work).rectify(officer, s.id, { city: "Delft" }),
      (err: any) => err.extensions?.code === "AUDIT_UNAVAILABLE");
    assert.deepEqual(await customer(s.id), rowBefore, "no change without an audit entry first");

    const crmDown: CustomerStore = { findByIds: (ids) => crm.findByIds(ids), rectify: async () => { throw new StoreUnavailableError("crm", new Error("x")); } };
    await assert.rejects(new RectificationService(crmDown, audit, work).rectify(officer, s.id, { city: "Delft" }), StoreUnavailableError);
    const vanished: CustomerStore = { findByIds: (ids) => crm.findByIds(ids), rectify: async () => false };
    await assert.rejects(new RectificationService(vanished, audit, work).rectify(officer, s.id, { city: "Delft" }), { extensions: { code: "NOT_FOUND" } });
    assert.deepEqual((await auditEntries(s.id)).map((e) => e.detail.outcome), ["REQUESTED", "FAILED", "REQUESTED", "NOT_FOUND"]);
    assert.deepEqual(await customer(s.id), rowBefore);

    const logged: unknown[] = [];
    let calls = 0;
    const outcomeFails: RectificationAudit = { record: async (e) => { if (calls++ > 0) throw new Error("late"); await audit.record(e); } };
    const res = await new RectificationService(crm, outcomeFails, work, (err) => logged.push(err)).rectify(officer, s.id, { city: "Delft" });
    assert.deepEqual(res.changedFields, ["city"]);
    assert.equal((await customer(s.id)).city, "Delft", "the change stands; the REQUESTED entry is its record");
    assert.equal(logged.length, 1);
    assert.deepEqual(await storedRequests(s.id), [], "the officer's correction without a requestId registers none");
  });

  test("in the portal it is the subject's own request: DONE and FULFILLED, or left open with crm FAILED", async () => {
    const s = await newSubject();
    const res = await service.rectify(portal(s.id), s.id, { city: "Delft" });
    const [done] = await storedRequests(s.id);
    assert.deepEqual({ ...done, id: undefined }, { id: undefined, type: "RECTIFY", channel: "PORTAL", status: "COMPLETED", outcome: "FULFILLED",
      handler: null, source: "crm", task: "DONE", attempts: 1, code: null });
    assert.equal(res.requestId, done.id);
    const trail = (await auditEntries(s.id)).map((e) => e.action === "RECTIFICATION_RECORDED" ? e.detail.outcome : e.action);
    assert.deepEqual(trail, ["RIGHTS_REQUEST_RECEIVED", "RIGHTS_REQUEST_TASKS_ADDED", "REQUESTED", "APPLIED", "RIGHTS_REQUEST_TASK_UPDATED", "RIGHTS_REQUEST_COMPLETED"]);

    const crmDown: CustomerStore = { findByIds: (ids) => crm.findByIds(ids), rectify: async () => { throw new StoreUnavailableError("crm", new Error("x")); } };
    await assert.rejects(new RectificationService(crmDown, audit, work).rectify(portal(s.id), s.id, { city: "Gouda" }), StoreUnavailableError);
    const [, open] = await storedRequests(s.id);
    assert.deepEqual([open.type, open.status, open.outcome, open.task, open.attempts, open.code], ["RECTIFY", "IN_PROGRESS", null, "FAILED", 1, "SOURCE_UNAVAILABLE"],
      "not done: it stays in the officer's worklist");
    assert.equal((await customer(s.id)).city, "Delft");

    const before = await storedRequests(s.id);
    await assert.rejects(service.rectify(portal(s.id), s.id, { notes: "BSN 111222333" }), (err: any) => err.extensions?.code === "BAD_USER_INPUT");
    assert.deepEqual(await storedRequests(s.id), before, "invalid input registers no request");
  });

  test("the officer fulfils a VERIFIED e-mail request with requestId; another subject's or type's request is refused", async () => {
    const s = await newSubject();
    const other = await newSubject();
    const submit = async (subjectId: string, type: RightsRequestType) => {
      const r = await requests.submit(officer, { subjectId, type, channel: RequestChannel.EMAIL });
      return (await requests.verify(officer, r.id, VerificationMethod.EMAIL_CHALLENGE)).id;
    };
    const rectify = await submit(s.id, RightsRequestType.RECTIFY);
    const erase = await submit(s.id, RightsRequestType.ERASE);
    const othersRectify = await submit(other.id, RightsRequestType.RECTIFY);
    const rowBefore = await customer(s.id);
    for (const wrong of [erase, othersRectify]) {
      await assert.rejects(service.rectify(officer, s.id, { city: "Delft" }, wrong), (err: any) =>
        err.extensions?.code === "BAD_USER_INPUT" && /VERIFIED RECTIFY request of this subject/.test(err.message));
    }
    assert.deepEqual(await customer(s.id), rowBefore, "nothing changed for a wrong request");

    // crm down on the first attempt: the request waits with its task FAILED, and the officer retries it.
    const crmDown: CustomerStore = { findByIds: (ids) => crm.findByIds(ids), rectify: async () => { throw new StoreUnavailableError("crm", new Error("x")); } };
    await assert.rejects(new RectificationService(crmDown, audit, work).rectify(officer, s.id, { city: "Delft" }, rectify), StoreUnavailableError);
    const waiting = (await storedRequests(s.id)).find((r) => r.id === rectify)!;
    assert.deepEqual([waiting.status, waiting.task, waiting.attempts, waiting.code], ["IN_PROGRESS", "FAILED", 1, "SOURCE_UNAVAILABLE"]);

    const res = await service.rectify(officer, s.id, { city: "Delft" }, rectify);
    assert.equal(res.requestId, rectify);
    const stored = (await storedRequests(s.id)).find((r) => r.id === rectify)!;
    assert.deepEqual([stored.channel, stored.status, stored.outcome, stored.handler, stored.task, stored.attempts], ["EMAIL", "COMPLETED", "FULFILLED", "po-1", "DONE", 2]);
    assert.equal((await customer(s.id)).city, "Delft");
    await assert.rejects(service.rectify(officer, s.id, { city: "Gouda" }, rectify), (err: any) => err.extensions?.code === "BAD_USER_INPUT",
      "a COMPLETED request is not worked twice");
    assert.equal((await customer(s.id)).city, "Delft");
  });

  test("through GraphQL: the actor comes from the context; unknown input fields are refused before any write", async () => {
    @Resolver()
    class Probe {
      @Query(() => Boolean) ok() {
        return true;
      }
    }
    const resolver = new RectificationResolver(service);
    const schema = await buildSchema({
      resolvers: [RectificationResolver, Probe],
      container: { get: (cls) => (cls === RectificationResolver ? resolver : new Probe()) },
      validate: false,
    });
    const s = await newSubject();
    const requestId = randomUUID();
    const contextValue = { requestId, principal: { actor: "cust-9", role: "customer", subjectId: s.id }, purpose: Purpose.DATA_SUBJECT_RIGHTS };
    const run = async (source: string, input: unknown): Promise<any> =>
      JSON.parse(JSON.stringify(await graphql({ schema, source, variableValues: { id: s.id, input }, contextValue })));
    const mutation = `mutation($id: ID!, $input: RectifySubjectInput!) {
      rectifySubject(subjectId: $id, input: $input) { subjectId changedFields categories source } }`;
    const ok = await run(mutation, { country: "BE", postalCode: "B-1000", gender: "FEMALE" });
    assert.equal(ok.errors, undefined);
    assert.deepEqual(ok.data.rectifySubject, { subjectId: s.id, changedFields: ["postalCode", "country", "gender"], categories: ["ADDRESS", "GENDER"], source: "crm" });
    assert.deepEqual([(await customer(s.id)).country, (await customer(s.id)).gender], ["BE", "F"]);
    const [entry] = await auditEntries(s.id);
    assert.deepEqual([entry.role, entry.requestId], ["customer", requestId]);
    assert.notEqual(entry.actor, "cust-9", "a customer's login id is stored keyed-hashed");

    const rowBefore = await customer(s.id);
    const unknown = await run(mutation, { city: "Gent", invoiceAmount: "0.00" });
    assert.match(unknown.errors[0].message, /invoiceAmount/);
    assert.equal(unknown.data, undefined);
    const literal = await run(`mutation($id: ID!) { rectifySubject(subjectId: $id, input: { billingName: "x" }) { subjectId } }`, undefined);
    assert.ok(literal.errors.length > 0);
    const bsn = await run(mutation, { notes: "BSN 111222333" });
    assert.equal(bsn.errors[0].extensions.code, "BAD_USER_INPUT");
    assert.deepEqual(await customer(s.id), rowBefore);
  });
});
