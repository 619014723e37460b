import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { graphql } from "graphql";
import { buildSchema, Query, Resolver } from "type-graphql";
import { SchemaClassification } from "../../src/access/schema-classification";
import type { Databases } from "../../src/db/data-sources";
import { Purpose } from "../../src/policy/purposes";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { subjectHash } from "../../src/audit/subject-hash";
import { createSources } from "../../src/sources/sources";
import { StoreUnavailableError } from "../../src/db/store-error";
import type { Actor } from "../../src/access/actor";
import { erasedAndKept, ErasureService } from "../../src/rights/erasure/erasure.service";
import { ErasureRunner, type ErasureRun } from "../../src/rights/erasure/erasure-runner";
import { ErasurePreviewService } from "../../src/rights/erasure/erasure-preview";
import { ErasureResolver } from "../../src/rights/erasure/erasure.resolver";
import { ErasureSteps } from "../../src/rights/erasure/erasure-steps";
import { RightsRequestRepository } from "../../src/rights/requests/rights-request.repository";
import { RightsRequestService } from "../../src/rights/requests/rights-request.service";
import { RequestWorkService } from "../../src/rights/requests/request-work.service";
import { RequestChannel, RightsRequestType, VerificationMethod } from "../../src/rights/requests/rights-request";
import { JobQueue } from "../../src/jobs/job-queue";
import { decideBilling, type ErasurePlan } from "../../src/rights/erasure/erasure-plan";
import { LegalHoldRepository } from "../../src/holds/legal-hold.repository";
import { HoldKind } from "../../src/holds/legal-hold";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() };
/** The subject itself in the portal (the permission rules admit a customer on its own subject only). */
const customer: Actor = { actor: "login-7", role: "customer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() };
const NOW = new Date("2026-06-15T12:00:00Z");
const BASIS = "AWR art. 52; AVG art. 17(3)(b)";
type Json = Record<string, any>;
/** Every table of every source, with how a row is tied to a subject (an erasure may only ever remove those). */
const TABLES = ["crm.customer", "auth.account", "auth.login_event", "weblog.access_log", "billing.payment_method",
  "billing.invoice", "billing.payment", "privacy.legal_hold"] as const;
type Table = (typeof TABLES)[number];
type Snapshot = Record<Table, string[]>;

describe(`erasure (${engineName()})`, () => {
  const hashKey = testConfig().audit.hashKey;
  let dbs: Databases;
  let service: ErasureService;
  let runner: ErasureRunner;
  let requests: RightsRequestService;
  let queue: JobQueue;
  let s: SubjectFixture & { oldInvoice: string; heldInvoice: string };
  /** The officer's verified erasure request of `s`, registered while `s` still exists. */
  let sRequest: string;
  let other: SubjectFixture & { oldInvoice: string; heldInvoice: string };

  const store = (t: Table) => dbs.stores[t.split(".")[0] as keyof Databases["stores"]];
  /** Each table's rows as PostgreSQL's own JSON text: equal text is an unchanged row, byte for byte. */
  const snapshot = async (): Promise<Snapshot> => {
    const out = {} as Snapshot;
    for (const t of TABLES) {
      const rows = await store(t).query(`SELECT row_to_json(x)::text AS j FROM ${t} x ORDER BY x.id`);
      out[t] = rows.map((r: { j: string }) => r.j);
    }
    return out;
  };
  const rowJson = async (t: Table, id: string): Promise<string | undefined> =>
    (await store(t).query(`SELECT row_to_json(x)::text AS j FROM ${t} x WHERE x.id = $1`, [id]))[0]?.j;
  /** An invoice of the given date with one payment, by direct SQL (the factory dates its own 2017–2019). */
  const addInvoice = async (f: SubjectFixture, date: string): Promise<string> => {
    const [inv] = await dbs.stores.billing.query(
      `INSERT INTO billing.invoice (invoice_number, customer_number, invoice_date, due_date, billing_name, billing_street,
         billing_postal_code, billing_city, billing_country, amount_excl_vat, vat_rate, vat_amount, amount_incl_vat, status)
       VALUES ($1, $2, $3::date, $3::date + 14, $4, 'Keizersgracht 1', '1015 CJ', 'Amsterdam', 'NL', 50, 21, 10.5, 60.5, 'PAID')
       RETURNING id`,
      [`${date}-${f.customerNumber}`, f.customerNumber, date, `${f.firstName} ${f.lastName}`],
    );
    await dbs.stores.billing.query(
      `INSERT INTO billing.payment (invoice_id, customer_number, paid_at, amount, method, reference)
       VALUES ($1, $2, $3::date + 3, 60.5, 'IDEAL', $4)`,
      [inv.id, f.customerNumber, date, `RF-${date}-${f.customerNumber}`],
    );
    return inv.id;
  };
  const subject = async () => {
    const f = await createSubject(dbs.stores, { invoices: 0, loginEvents: 3, accessLogs: 4, paymentMethods: 2 });
    return { ...f, oldInvoice: await addInvoice(f, "2015-06-01"), heldInvoice: await addInvoice(f, "2024-03-01") };
  };
  const paymentOf = async (invoiceId: string): Promise<string> =>
    (await dbs.stores.billing.query(`SELECT id FROM billing.payment WHERE invoice_id = $1`, [invoiceId]))[0].id;
  const erasureEntries = async (subjectId: string): Promise<Json[]> =>
    (await dbs.stores.privacy.query(`SELECT entry FROM privacy.audit_event WHERE subject_hash = $1 ORDER BY seq`, [subjectHash(hashKey, subjectId)]))
      .map((r: { entry: string }) => JSON.parse(r.entry))
      .filter((e: Json) => e.action === "SUBJECT_ERASURE_STEP");

  /** The API's view of a run (as the resolver returns it): per store, its status and what it erased and kept. */
  const outcome = (run: ErasureRun) => run.sources.map((src) => ({ source: src.source, status: src.status, ...erasedAndKept(src.result) }));
  /** An erasure request the officer registered and verified (e-mail): the officer erases only under one. */
  const verifiedErasure = async (subjectId: string): Promise<string> => {
    const r = await requests.submit(officer, { subjectId, type: RightsRequestType.ERASE, channel: RequestChannel.EMAIL });
    return (await requests.verify(officer, r.id, VerificationMethod.EMAIL_CHALLENGE)).id;
  };

  before(async () => {
    const config = testConfig();
    dbs = await openTestDatabases(config);
    const clock = { now: () => NOW };
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), hashKey);
    const sources = createSources(dbs.stores);
    const subjectExists = async (id: string) => (await sources.crm.findByIds([id]))[0] !== null;
    service = new ErasureService(sources, new LegalHoldRepository(dbs.stores.privacy), clock);
    requests = new RightsRequestService(new RightsRequestRepository(dbs.stores.privacy), audit, subjectExists, clock);
    const work = new RequestWorkService(new RightsRequestRepository(dbs.stores.privacy), audit, clock);
    queue = await JobQueue.start(config, dbs);
    // The safety-net job would start after an hour: every run here finishes inline, which removes it.
    runner = new ErasureRunner(service, requests, work, dbs.stores.privacy, queue, { jobDelaySeconds: 3600, retryDelaySeconds: 1, pollingIntervalSeconds: 1 });
    await runner.start();
    s = await subject();
    sRequest = await verifiedErasure(s.id);
    other = await subject();
    // A visitor who was not logged in: no subject's line, and never touched.
    await dbs.stores.weblog.query(`INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent)
      VALUES (now(), '198.51.100.7', 'GET', '/', 200, 'curl/8')`);
  });
  after(async () => {
    await queue?.stop({ graceful: false });
    await dbs?.close();
  });

  test("the plan is plain JSON with ids, dates and the customer number, and decides per invoice", async () => {
    const plan = await service.plan(s.id.toUpperCase(), null);
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
    const text = JSON.stringify(plan);
    for (const value of [s.firstName, s.lastName, s.email, "Keizersgracht", "60.5"]) assert.ok(!text.includes(value), value);
    assert.equal(plan.customerNumber, s.customerNumber);
    assert.deepEqual(plan.crm.customerIds, [s.id]);
    assert.deepEqual(plan.auth.accountIds, [s.accountId]);
    assert.deepEqual(plan.billing.invoiceIds, [s.oldInvoice]);
    assert.deepEqual(plan.billing.paymentIds, [await paymentOf(s.oldInvoice)]);
    assert.equal(plan.billing.paymentMethodIds.length, 2);
    assert.deepEqual(plan.billing.holds.map((h) => [h.recordType, h.recordId, h.basis, h.expiresAt]).sort(), [
      ["invoice", s.heldInvoice, BASIS, "2031-12-31"],
      ["payment", await paymentOf(s.heldInvoice), BASIS, "2031-12-31"],
    ].sort());
  });

  test("an erasure (the production runner): the subject's rows are gone, held billing is byte-for-byte unchanged, nobody else is touched", async () => {
    const heldPayment = await paymentOf(s.heldInvoice);
    const [heldInvoiceBefore, heldPaymentBefore] = [await rowJson("billing.invoice", s.heldInvoice), await rowJson("billing.payment", heldPayment)];
    const before = await snapshot();
    const run = await runner.erase(customer, s.id, null);

    // Direct SQL on every source: nothing of the subject is left but the held invoice and its payment.
    const count = async (t: Table, where: string, p: unknown) =>
      (await store(t).query(`SELECT count(*)::int AS n FROM ${t} WHERE ${where}`, [p]))[0].n;
    assert.equal(await count("crm.customer", "id = $1", s.id), 0);
    assert.equal(await count("auth.account", "customer_number = $1", s.customerNumber), 0);
    assert.equal(await count("auth.login_event", "account_id = $1", s.accountId), 0);
    assert.equal(await count("weblog.access_log", "account_id = $1", s.accountId), 0);
    assert.equal(await count("billing.payment_method", "customer_number = $1", s.customerNumber), 0);
    const billingLeft = await dbs.stores.billing.query(
      `SELECT 'invoice' AS t, id FROM billing.invoice WHERE customer_number = $1
       UNION ALL SELECT 'payment', id FROM billing.payment WHERE customer_number = $1 ORDER BY 1`, [s.customerNumber]);
    assert.deepEqual(billingLeft.map((r: Json) => [r.t, r.id]), [["invoice", s.heldInvoice], ["payment", heldPayment]]);
    assert.equal(await rowJson("billing.invoice", s.heldInvoice), heldInvoiceBefore);
    assert.equal(await rowJson("billing.payment", heldPayment), heldPaymentBefore);

    // Every other row of every table, byte for byte: exactly the subject's erasable rows went.
    const after = await snapshot();
    const gone: Record<Exclude<Table, "privacy.legal_hold">, (r: Json) => boolean> = {
      "crm.customer": (r) => r.id === s.id,
      "auth.account": (r) => r.id === s.accountId,
      "auth.login_event": (r) => r.account_id === s.accountId,
      "weblog.access_log": (r) => r.account_id === s.accountId,
      "billing.payment_method": (r) => r.customer_number === s.customerNumber,
      "billing.invoice": (r) => r.customer_number === s.customerNumber && r.id !== s.heldInvoice,
      "billing.payment": (r) => r.customer_number === s.customerNumber && r.invoice_id !== s.heldInvoice,
    };
    for (const [t, isGone] of Object.entries(gone)) {
      const expected = before[t as Table].filter((j) => !isGone(JSON.parse(j)));
      assert.ok(expected.length < before[t as Table].length, `${t}: the subject had rows`);
      assert.deepEqual(after[t as Table], expected, t);
    }
    assert.ok(after["crm.customer"].some((j) => JSON.parse(j).id === other.id));

    // The hold register: one fiscal hold per held record, expiring 31 December of 2024 + 7 years, under the erasure's request.
    const holds = await dbs.stores.privacy.query(`SELECT subject_id, request_id, source, record_type, record_id, kind, customer_number,
      basis, expires_at::text AS expires_at, released_at FROM privacy.legal_hold ORDER BY record_type`);
    assert.deepEqual(holds, [
      { subject_id: s.id, request_id: run.requestId, source: "billing", record_type: "invoice", record_id: s.heldInvoice, kind: "FISCAL",
        customer_number: s.customerNumber, basis: BASIS, expires_at: "2031-12-31", released_at: null },
      { subject_id: s.id, request_id: run.requestId, source: "billing", record_type: "payment", record_id: heldPayment, kind: "FISCAL",
        customer_number: s.customerNumber, basis: BASIS, expires_at: "2031-12-31", released_at: null },
    ]);

    const kept = [
      { recordType: "invoice", recordId: s.heldInvoice, reason: BASIS, until: "2031-12-31" },
      { recordType: "payment", recordId: heldPayment, reason: BASIS, until: "2031-12-31" },
    ];
    assert.equal(run.status, "COMPLETED");
    // The held records are listed once, under billing where they stay; the privacy task only registered them.
    assert.deepEqual(outcome(run), [
      { source: "privacy", status: "DONE", erased: [], kept: [] },
      { source: "crm", status: "DONE", erased: [{ table: "customer", count: 1 }], kept: [] },
      { source: "auth", status: "DONE", erased: [{ table: "login_event", count: 3 }, { table: "account", count: 1 }], kept: [] },
      { source: "weblog", status: "DONE", erased: [{ table: "access_log", count: 4 }], kept: [] },
      { source: "billing", status: "DONE", erased: [{ table: "payment_method", count: 2 }, { table: "payment", count: 1 }, { table: "invoice", count: 1 }], kept },
    ]);

    // The evidence: the holds' entry when the request opened, then one entry for the four steps settled together;
    // counts only: no customer number, no record id, no name.
    const entries = await erasureEntries(s.id);
    assert.deepEqual(entries.map((e) => e.detail.steps.map((x: Json) => x.step)), [["privacy"], ["crm", "auth", "weblog", "billing"]]);
    assert.deepEqual(entries[0].detail, { rightsRequest: run.requestId, plannedOn: "2026-06-15", steps: [{ step: "privacy", kept: 2, holdsRegistered: 2 }] });
    assert.deepEqual(entries[1].detail, { rightsRequest: run.requestId, plannedOn: "2026-06-15", steps: [
      { step: "crm", "erased.customer": 1, kept: 0 },
      { step: "auth", "erased.login_event": 3, "erased.account": 1, kept: 0 },
      { step: "weblog", "erased.access_log": 4, kept: 0 },
      { step: "billing", "erased.payment_method": 2, "erased.payment": 1, "erased.invoice": 1, kept: 2 },
    ] });
    const text = JSON.stringify(entries);
    for (const value of [s.customerNumber, s.heldInvoice, heldPayment, s.firstName, s.id]) assert.ok(!text.includes(value), "no ids or values in the audit");
  });

  test("repeating the erasure, or any single step, changes nothing and does not fail", async () => {
    const before = await snapshot();
    // The portal does not open a second request for a subject that is gone; the officer's verified request is worked.
    await assert.rejects(runner.erase(customer, s.id, null), { extensions: { code: "NOT_FOUND" } });
    const again = await runner.erase(officer, s.id, sRequest);
    assert.deepEqual(await snapshot(), before);
    assert.equal(again.status, "COMPLETED");
    assert.ok(outcome(again).every((src) => src.erased.every((e) => e.count === 0)), "nothing more was erased");
    // crm is gone, yet the holds still lead to the kept records: the result says what is kept and until when.
    assert.deepEqual(outcome(again).find((src) => src.source === "billing")!.kept.map((k) => k.until), ["2031-12-31", "2031-12-31"]);

    // A plan stored before the first run (as a job payload), replayed step by step after a "crash".
    const [request] = await dbs.stores.privacy.query(`INSERT INTO privacy.rights_request (subject_id, type, channel, received_at,
        due_at, status, verification_method, verified_at, policy_version)
      VALUES ($1, 'ERASE', 'PORTAL', now(), now() + interval '672 hours', 'IN_PROGRESS', 'PORTAL_LOGIN', now(), 'test') RETURNING id`, [other.id]);
    const stored: ErasurePlan = JSON.parse(JSON.stringify(await service.plan(other.id, request.id)));
    const steps = service.steps;
    const holds = () => dbs.stores.privacy.transaction((m) => steps.recordHolds(stored, m, "customer"));
    const crm = () => steps.eraseCrm(stored);
    await holds();
    await crm();
    const mid = await snapshot();
    for (const step of [holds, crm]) await step();
    assert.deepEqual(await snapshot(), mid, "completed steps repeat as no-ops");
    for (const step of [steps.eraseAuth, steps.eraseWeblog, steps.eraseBilling]) await step.call(steps, stored);
    const done = await snapshot();
    for (const step of [holds, crm, () => steps.eraseAuth(stored), () => steps.eraseWeblog(stored), () => steps.eraseBilling(stored)]) {
      const r = await step();
      assert.ok(Object.values(r.erased).every((n) => n === 0), r.source);
    }
    assert.deepEqual(await snapshot(), done);
    assert.ok(done["billing.invoice"].some((j) => JSON.parse(j).id === other.heldInvoice));
    assert.ok(!done["billing.invoice"].some((j) => JSON.parse(j).id === other.oldInvoice));
    assert.equal(done["privacy.legal_hold"].filter((j) => JSON.parse(j).request_id === stored.requestId).length, 2);
  });

  test("a source that is down fails its step (retry later) and records no success", async () => {
    const f = await subject();
    const plan = await service.plan(f.id);
    const sources = createSources(dbs.stores);
    sources.billing.eraseCustomerRecords = () => Promise.reject(new StoreUnavailableError("billing", new Error("down")));
    const steps = new ErasureSteps(sources, new LegalHoldRepository(dbs.stores.privacy));
    const before = await snapshot();
    await assert.rejects(steps.eraseBilling(plan), (e: unknown) => e instanceof StoreUnavailableError && e.source === "billing");
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(await erasureEntries(f.id), []);
  });

  test("the GraphQL result types: every field classified, none personal, and the runner's result renders", async () => {
    const f = await subject();
    @Resolver()
    class Probe {
      @Query(() => String) probe(): string {
        return "";
      }
    }
    const instances = new Map<unknown, unknown>([[ErasureResolver, new ErasureResolver(runner, new ErasurePreviewService(service, { record: async () => {} }, () => {}))], [Probe, new Probe()]]);
    const schema = await buildSchema({ resolvers: [ErasureResolver, Probe], container: { get: (cls) => instances.get(cls) }, validate: false });
    const c = new SchemaClassification(schema);
    assert.deepEqual(c.unclassified(), []);
    assert.ok(c.typeNames().every((t) => c.fieldsOf(t).every((field) => field.classification?.kind === "none")));
    const out = await graphql({
      schema,
      source: `mutation($id: ID!) { eraseSubject(subjectId: $id) {
        requestId status sources { source status errorCode erased { table count } kept { recordType recordId reason until } } } }`,
      variableValues: { id: f.id },
      contextValue: { principal: { actor: customer.actor, role: customer.role }, purpose: customer.purpose, requestId: customer.requestId },
    });
    assert.equal(out.errors, undefined);
    const [hold] = await dbs.stores.privacy.query(`SELECT request_id FROM privacy.legal_hold WHERE record_id = $1`, [f.heldInvoice]);
    const kept = [
      { recordType: "invoice", recordId: f.heldInvoice, reason: BASIS, until: "2031-12-31" },
      { recordType: "payment", recordId: await paymentOf(f.heldInvoice), reason: BASIS, until: "2031-12-31" },
    ];
    const done = (source: string, erased: { table: string; count: number }[], k: Json[] = []) => ({ source, status: "DONE", errorCode: null, erased, kept: k });
    assert.deepEqual(JSON.parse(JSON.stringify(out.data)).eraseSubject, {
      requestId: hold.request_id,
      status: "COMPLETED",
      sources: [
        done("PRIVACY", []),
        done("CRM", [{ table: "customer", count: 1 }]),
        done("AUTH", [{ table: "login_event", count: 3 }, { table: "account", count: 1 }]),
        done("WEBLOG", [{ table: "access_log", count: 4 }]),
        done("BILLING", [{ table: "payment_method", count: 2 }, { table: "payment", count: 1 }, { table: "invoice", count: 1 }], kept),
      ],
    });
  });

  test("a hold in force beats erasure: a record past its fiscal retention that a hold still covers is kept, under that hold", async () => {
    const f = await subject();
    const holds = new LegalHoldRepository(dbs.stores.privacy);
    const reason = "kept for a pending claim (test)";
    await holds.transaction((m) => holds.record(m, { subjectId: f.id, requestId: null, customerNumber: f.customerNumber },
      [{ source: "billing", recordType: "invoice", recordId: f.oldInvoice, kind: HoldKind.FISCAL, basis: reason, expiresAt: "2027-06-30" }]));

    const plan = await service.plan(f.id, null);
    assert.ok(!plan.billing.invoiceIds.includes(f.oldInvoice), "the held invoice is not planned for deletion");
    assert.deepEqual(plan.billing.paymentIds, [await paymentOf(f.oldInvoice)], "its payment has no hold of its own and goes");
    const run = await runner.erase(customer, f.id, null);
    const left = await dbs.stores.billing.query(`SELECT id FROM billing.invoice WHERE customer_number = $1 ORDER BY id`, [f.customerNumber]);
    assert.deepEqual(left.map((r: Json) => r.id), [f.oldInvoice, f.heldInvoice].sort());
    const billing = outcome(run).find((o) => o.source === "billing")!;
    assert.deepEqual(billing.kept.find((k) => k.recordId === f.oldInvoice), { recordType: "invoice", recordId: f.oldInvoice, reason, until: "2027-06-30" });
    const [row] = await dbs.stores.privacy.query(`SELECT basis, expires_at::text AS until FROM privacy.legal_hold WHERE record_id = $1`, [f.oldInvoice]);
    assert.deepEqual(row, { basis: reason, until: "2027-06-30" }, "the hold itself is unchanged");
  });

  test("fiscal retention: held through 31 December of year + 7, deleted from the next day", () => {
    const rows = [{ recordType: "invoice" as const, id: "i", date: "2024-03-01", invoiceId: null }];
    assert.deepEqual(decideBilling(rows, "2031-12-31").holds.map((h) => h.expiresAt), ["2031-12-31"]);
    assert.deepEqual(decideBilling(rows, "2032-01-01"), { paymentMethodIds: [], invoiceIds: ["i"], paymentIds: [], holds: [] });
    // A payment made in a later year still follows its invoice; an orphan payment is judged by its own date.
    const paid = [...rows, { recordType: "payment" as const, id: "p", date: "2025-01-10", invoiceId: "i" },
      { recordType: "payment" as const, id: "q", date: "2025-01-10", invoiceId: null }];
    const plan = decideBilling(paid, "2032-01-01");
    assert.deepEqual([plan.invoiceIds, plan.paymentIds, plan.holds.map((h) => [h.recordId, h.expiresAt])], [["i"], ["p"], [["q", "2032-12-31"]]]);
  });
});
