import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Databases } from "../../src/db/data-sources";
import { Purpose } from "../../src/policy/purposes";
import type { Role } from "../../src/policy/roles";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { CrmAdapter } from "../../src/sources/crm/crm.adapter";
import type { Actor } from "../../src/access/actor";
import { RightsRequestRepository } from "../../src/rights/requests/rights-request.repository";
import { RightsRequestService } from "../../src/rights/requests/rights-request.service";
import { RequestWorkService } from "../../src/rights/requests/request-work.service";
import {
  AP_COMPLAINT_ROUTE, RequestChannel, RequestOutcome, RightsRequestType, TaskSource, TaskStatus, VerificationMethod,
} from "../../src/rights/requests/rights-request";
import { createSubject } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

const DAY = 24 * 60 * 60 * 1000;
const actor = (role: Role, id = `test-${role}`): Actor => ({ actor: id, role, purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() });
const officer = actor("privacy_officer", "po-1");
const customer = actor("customer", "login-42");
const { EMAIL_CHALLENGE, ID_DOCUMENT, PORTAL_LOGIN } = VerificationMethod;
const ALL_BLACKED_OUT = { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: true };
const BAD_INPUT = (message: RegExp) => (err: any) => err.extensions?.code === "BAD_USER_INPUT" && message.test(err.message);

describe(`rights requests (${engineName()})`, () => {
  let dbs: Databases;
  let service: RightsRequestService;
  let work: RequestWorkService;
  let clock = new Date("2026-03-02T09:00:00.000Z");
  const q = (sql: string, params: unknown[] = []) => dbs.stores.privacy.query(sql, params);
  const counts = async () =>
    (await q(`SELECT (SELECT count(*)::int FROM privacy.rights_request) AS requests,
      (SELECT count(*)::int FROM privacy.rights_request_task) AS tasks, (SELECT count(*)::int FROM privacy.audit_event) AS audit`))[0];
  const row = async (id: string) => (await q(`SELECT * FROM privacy.rights_request WHERE id = $1`, [id]))[0];
  const auditOf = async (id: string): Promise<any[]> =>
    (await q(`SELECT entry FROM privacy.audit_event WHERE entry::jsonb -> 'detail' ->> 'rightsRequest' = $1 ORDER BY seq`, [id]))
      .map((r: { entry: string }) => JSON.parse(r.entry));
  const newSubject = async () => (await createSubject(dbs.stores, { invoices: 0, account: false, paymentMethods: 0 })).id;
  const emailRequest = async (subjectId?: string, type = RightsRequestType.ACCESS) =>
    service.submit(officer, { subjectId: subjectId ?? (await newSubject()), type, channel: RequestChannel.EMAIL });

  before(async () => {
    dbs = await openTestDatabases();
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey);
    const crm = new CrmAdapter(dbs.stores.crm);
    const exists = async (id: string) => (await crm.findByIds([id]))[0] !== null;
    service = new RightsRequestService(new RightsRequestRepository(dbs.stores.privacy), audit, exists, { now: () => clock });
    work = new RequestWorkService(new RightsRequestRepository(dbs.stores.privacy), audit, { now: () => clock });
  });
  after(() => dbs?.close());

  test("a submitted request is due exactly 28 × 24 hours after it was received, and is audited", async () => {
    const subjectId = await newSubject();
    const before = await counts();
    const receivedAt = new Date(clock.getTime() - 3 * DAY - 1234);
    const r = await service.submit(officer, { subjectId, type: RightsRequestType.ERASE, channel: RequestChannel.EMAIL, receivedAt, notes: "asked by mail" });
    assert.equal(r.dueAt.getTime() - r.receivedAt.getTime(), 28 * DAY);
    assert.deepEqual([r.status, r.verificationMethod, r.handler, r.handlerRole, r.dueSoon, r.overdue, r.complaintRoute], ["RECEIVED", null, "po-1", "privacy_officer", false, false, null]);
    const stored = await row(r.id);
    assert.equal(stored.due_at.getTime(), receivedAt.getTime() + 28 * DAY);
    assert.equal(stored.notes, "asked by mail");
    assert.deepEqual(await counts(), { ...before, requests: before.requests + 1, audit: before.audit + 1 });
    const [entry] = await auditOf(r.id);
    assert.equal(entry.action, "RIGHTS_REQUEST_RECEIVED");
    assert.deepEqual([entry.actor, entry.detail.type, entry.detail.channel], ["po-1", "ERASE", "EMAIL"]);
    assert.ok(!JSON.stringify(entry).includes("asked by mail") && !JSON.stringify(entry).includes(subjectId), "no free text, subject hashed");
    await assert.rejects(service.submit(officer, { subjectId, type: RightsRequestType.ACCESS, channel: RequestChannel.EMAIL, receivedAt: new Date(clock.getTime() + 1) }), BAD_INPUT(/future/));
    await assert.rejects(service.submit(officer, { subjectId: randomUUID(), type: RightsRequestType.ACCESS, channel: RequestChannel.EMAIL }), { extensions: { code: "NOT_FOUND" } });
  });

  test("status machine: RECEIVED → VERIFIED → IN_PROGRESS → COMPLETED; every step audited in order", async () => {
    const r = await emailRequest();
    const other = actor("privacy_officer", "po-2");
    assert.equal((await service.verify(officer, r.id, EMAIL_CHALLENGE)).status, "VERIFIED");
    assert.equal((await service.start(other, r.id)).handler, "po-2");
    const done = await service.complete(officer, r.id, { code: RequestOutcome.FULFILLED, text: "report sent" });
    assert.deepEqual([done.status, done.outcome, done.outcomeText, done.completedAt?.getTime()], ["COMPLETED", "FULFILLED", "report sent", clock.getTime()]);
    assert.deepEqual((await auditOf(r.id)).map((e) => [e.action, e.detail.from ?? null]), [
      ["RIGHTS_REQUEST_RECEIVED", null], ["RIGHTS_REQUEST_VERIFIED", "RECEIVED"],
      ["RIGHTS_REQUEST_STARTED", "VERIFIED"], ["RIGHTS_REQUEST_COMPLETED", "IN_PROGRESS"],
    ]);
  });

  test("invalid transitions are refused with a precise message and change nothing", async () => {
    const received = await emailRequest();
    const completed = await emailRequest();
    await service.verify(officer, completed.id, EMAIL_CHALLENGE);
    await service.complete(officer, completed.id, { code: RequestOutcome.FULFILLED });
    const before = await counts();
    const refusals: [() => Promise<unknown>, RegExp][] = [
      [() => service.complete(officer, received.id, { code: RequestOutcome.FULFILLED }), /A RECEIVED request cannot become COMPLETED: it can only become VERIFIED or REJECTED/],
      [() => service.start(officer, received.id), /RECEIVED request cannot become IN_PROGRESS/],
      [() => service.verify(officer, completed.id, EMAIL_CHALLENGE), /A COMPLETED request cannot become VERIFIED: it is closed/],
      [() => service.reject(officer, completed.id, ["too late"]), /COMPLETED request cannot become REJECTED/],
      [() => service.complete(officer, received.id, { code: RequestOutcome.REJECTED }), /rejectPrivacyRequest/],
      [() => service.verify(officer, "nope", EMAIL_CHALLENGE), /not a request id/],
    ];
    for (const [attempt, message] of refusals) await assert.rejects(attempt(), BAD_INPUT(message));
    await assert.rejects(service.verify(officer, randomUUID(), EMAIL_CHALLENGE), { extensions: { code: "NOT_FOUND" } });
    assert.deepEqual(await counts(), before);
    assert.equal((await row(received.id)).status, "RECEIVED");
  });

  test("ID_DOCUMENT needs all four attestations; PORTAL_LOGIN only verifies portal requests", async () => {
    const r = await emailRequest();
    const before = await counts();
    await assert.rejects(service.verify(officer, r.id, ID_DOCUMENT), BAD_INPUT(/missing: photoHidden, mrzHidden, documentNumberHidden, bsnHidden/));
    await assert.rejects(service.verify(officer, r.id, ID_DOCUMENT, { ...ALL_BLACKED_OUT, bsnHidden: false }), BAD_INPUT(/missing: bsnHidden$/));
    await assert.rejects(service.verify(officer, r.id, PORTAL_LOGIN), BAD_INPUT(/portal requests only/));
    await assert.rejects(service.verify(officer, r.id, EMAIL_CHALLENGE, ALL_BLACKED_OUT), BAD_INPUT(/belong to ID_DOCUMENT/));
    assert.deepEqual(await counts(), before);
    assert.equal((await row(r.id)).verification_method, null);
    const v = await service.verify(officer, r.id, ID_DOCUMENT, ALL_BLACKED_OUT);
    assert.deepEqual([v.verificationMethod, v.attestations, v.verifiedAt?.getTime()], ["ID_DOCUMENT", ALL_BLACKED_OUT, clock.getTime()]);
    const stored = await row(r.id);
    assert.deepEqual([stored.attest_photo_hidden, stored.attest_mrz_hidden, stored.attest_document_number_hidden, stored.attest_bsn_hidden], [true, true, true, true]);
    assert.ok(!Object.keys(stored).some((c) => /image|photo_data|scan|file/.test(c)), "no column could hold an ID image");
  });

  test("free text holding a BSN is refused (BAD_USER_INPUT) and nothing is stored", async () => {
    const subjectId = await newSubject();
    const open = await emailRequest(subjectId);
    await service.verify(officer, open.id, EMAIL_CHALLENGE);
    const before = await counts();
    const bsn = BAD_INPUT(/contains a BSN/);
    await assert.rejects(service.submit(officer, { subjectId, type: RightsRequestType.ACCESS, channel: RequestChannel.EMAIL, notes: "BSN 1112.22.333" }), bsn);
    await assert.rejects(service.reject(officer, open.id, ["identity unclear", "sent bsn 111222333"]), bsn);
    await assert.rejects(service.complete(officer, open.id, { code: RequestOutcome.FULFILLED, text: "zie 123456782" }), bsn);
    assert.deepEqual(await counts(), before);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM privacy.rights_request
      WHERE notes ~ '[0-9]{9}' OR outcome_text ~ '[0-9]{9}' OR array_to_string(rejection_reasons, ' ') ~ '[0-9]{9}'`);
    assert.equal(n, 0);
    assert.equal((await row(open.id)).status, "VERIFIED");
  });

  test("a refusal stores its reasons and states the AP complaint route", async () => {
    const r = await emailRequest();
    await assert.rejects(service.reject(officer, r.id, ["  "]), BAD_INPUT(/at least one reason/));
    const rejected = await service.reject(officer, r.id, ["identity could not be verified", " no reply to challenge "]);
    assert.deepEqual([rejected.status, rejected.outcome, rejected.rejectionReasons], ["REJECTED", "REJECTED", ["identity could not be verified", "no reply to challenge"]]);
    assert.equal(rejected.complaintRoute, AP_COMPLAINT_ROUTE);
    assert.match(AP_COMPLAINT_ROUTE, /Autoriteit Persoonsgegevens.*https:\/\/autoriteitpersoonsgegevens\.nl/);
    assert.deepEqual((await row(r.id)).rejection_reasons, ["identity could not be verified", "no reply to challenge"]);
    assert.deepEqual((await auditOf(r.id)).at(-1).detail.reasons, 2, "the audit holds the count, not the text");
  });

  test("a portal action's request is stored FULFILLED inside the caller's transaction (rolled back together)", async () => {
    const subjectId = await newSubject();
    const before = await counts();
    await assert.rejects(dbs.stores.privacy.transaction(async (m) => {
      await work.fulfilled(customer, subjectId, RightsRequestType.WITHDRAW_CONSENT, [], m);
      throw new Error("the portal action failed after registering");
    }), /portal action failed/);
    assert.deepEqual(await counts(), before, "no request, task or audit entry without the action");

    const id = await dbs.stores.privacy.transaction((m) => work.fulfilled(customer, subjectId, RightsRequestType.OBJECT, [], m));
    const stored = (await service.get(id))!;
    assert.deepEqual([stored.type, stored.channel, stored.status, stored.outcome, stored.verificationMethod, stored.handler, stored.handlerRole, stored.tasks],
      ["OBJECT", "PORTAL", "COMPLETED", "FULFILLED", "PORTAL_LOGIN", null, null, []]);
    assert.equal(stored.dueAt.getTime() - stored.receivedAt.getTime(), 28 * 24 * 3600 * 1000);
    const entries = await auditOf(id);
    assert.deepEqual(entries.map((e) => [e.action, e.detail.status]), [["RIGHTS_REQUEST_RECEIVED", "VERIFIED"], ["RIGHTS_REQUEST_COMPLETED", "COMPLETED"]]);
    assert.notEqual(entries[0].actor, "login-42", "a customer's login id is stored keyed-hashed");
  });

  test("a staff actor never makes a portal request (PORTAL, PORTAL_LOGIN): refused and nothing stored", async () => {
    const subjectId = await newSubject();
    const before = await counts();
    await assert.rejects(work.fulfilled(officer, subjectId, RightsRequestType.OBJECT, []), BAD_INPUT(/VERIFIED OBJECT request/));
    const tasks = [{ source: TaskSource.CRM, status: TaskStatus.PENDING }];
    await assert.rejects(work.startPortal(officer, subjectId, RightsRequestType.ERASE, tasks, async () => ({ parts: [], entries: [] })), BAD_INPUT(/VERIFIED ERASE request/));
    assert.deepEqual(await counts(), before);
  });

  test("due-soon from day 21, overdue after day 28 (injected clock); closed requests are neither", async () => {
    const start = clock;
    try {
      const subjectId = await newSubject();
      const r = await emailRequest(subjectId);
      const closed = await emailRequest(subjectId);
      await service.reject(officer, closed.id, ["duplicate"]);
      const at = async (ms: number) => {
        clock = new Date(start.getTime() + ms);
        const got = (await service.get(r.id))!;
        return [got.dueSoon, got.overdue];
      };
      assert.deepEqual(await at(21 * DAY - 1), [false, false]);
      assert.deepEqual(await at(21 * DAY), [true, false]);
      assert.deepEqual(await at(28 * DAY), [true, false], "due today is not overdue yet");
      assert.deepEqual(await at(28 * DAY + 1), [true, true]);
      const c = (await service.get(closed.id))!;
      assert.deepEqual([c.dueSoon, c.overdue], [false, false]);
      const ids = async (filter: object) => (await service.list({ subjectId, ...filter })).edges.map((e) => e.node.id);
      assert.deepEqual(await ids({ overdue: true }), [r.id]);
      assert.deepEqual(await ids({ overdue: false }), [closed.id]);
      assert.deepEqual(await ids({ dueSoon: true }), [r.id]);
      clock = new Date(start.getTime() + 20 * DAY);
      assert.deepEqual(await ids({ dueSoon: true }), []);
      assert.deepEqual(await ids({ overdue: false, open: true }), [r.id]);
    } finally {
      clock = start;
    }
  });

  test("list filters by status, open, dueBefore and pages by deadline", async () => {
    const subjectId = await newSubject();
    const made = [];
    for (const days of [10, 2, 5]) {
      made.push(await service.submit(officer, { subjectId, type: RightsRequestType.ACCESS, channel: RequestChannel.EMAIL, receivedAt: new Date(clock.getTime() - days * DAY) }));
    }
    await service.verify(officer, made[2].id, EMAIL_CHALLENGE);
    const byDeadline = [made[0].id, made[2].id, made[1].id];
    const ids = async (filter: object) => (await service.list({ subjectId, ...filter })).edges.map((e) => e.node.id);
    assert.deepEqual(await ids({}), byDeadline);
    assert.deepEqual(await ids({ status: "VERIFIED" }), [made[2].id]);
    assert.deepEqual(await ids({ open: false }), []);
    assert.deepEqual(await ids({ dueBefore: made[2].dueAt }), [made[0].id]);
    const p1 = await service.list({ subjectId }, 2);
    const p2 = await service.list({ subjectId }, 2, p1.pageInfo.endCursor);
    assert.deepEqual([p1.pageInfo.hasNextPage, p2.pageInfo.hasNextPage], [true, false]);
    assert.deepEqual([...p1.edges, ...p2.edges].map((e) => e.node.id), byDeadline);
    await assert.rejects(service.list({}, 2, "bogus"), BAD_INPUT(/not a valid cursor/));
    await assert.rejects(service.list({}, 0), BAD_INPUT(/between 1 and 100/));
  });

  test("tasks: added per source (VERIFIED → IN_PROGRESS), moved by their own machine, gate completion", async () => {
    const r = await emailRequest(undefined, RightsRequestType.ERASE);
    const job = actor("privacy_officer", "erasure-job");
    await assert.rejects(service.addTasks(job, r.id, [TaskSource.CRM]), BAD_INPUT(/RECEIVED request cannot become IN_PROGRESS/));
    await service.verify(officer, r.id, EMAIL_CHALLENGE);
    const started = await service.addTasks(job, r.id, [TaskSource.CRM, TaskSource.AUTH, TaskSource.CRM]);
    assert.equal(started.status, "IN_PROGRESS");
    assert.deepEqual(started.tasks.map((t) => [t.source, t.status, t.attempts]), [["auth", "PENDING", 0], ["crm", "PENDING", 0]]);
    const again = await service.addTasks(job, r.id, [TaskSource.AUTH, TaskSource.BILLING]);
    assert.deepEqual(again.tasks.map((t) => t.source), ["auth", "billing", "crm"]);
    assert.deepEqual((await auditOf(r.id)).at(-1).detail.sources, ["billing"]);

    const set = async (source: TaskSource, status: TaskStatus, code?: string) => {
      await work.settle(job, r.id, [{ source, status, errorCode: code ?? null }]);
      return (await service.get(r.id))!.tasks.find((t) => t.source === source)!;
    };
    assert.equal((await set(TaskSource.CRM, TaskStatus.RUNNING)).attempts, 1);
    assert.equal((await set(TaskSource.CRM, TaskStatus.FAILED, "SOURCE_UNAVAILABLE")).lastErrorCode, "SOURCE_UNAVAILABLE");
    await assert.rejects(set(TaskSource.CRM, TaskStatus.FAILED, "connect ECONNREFUSED 10.0.0.7"), BAD_INPUT(/UPPER_SNAKE_CASE/));
    await assert.rejects(set(TaskSource.WEBLOG, TaskStatus.RUNNING), { extensions: { code: "NOT_FOUND" } });
    await assert.rejects(service.complete(officer, r.id, { code: RequestOutcome.FULFILLED }), BAD_INPUT(/unfinished tasks: auth PENDING, billing PENDING, crm FAILED/));
    const retried = await set(TaskSource.CRM, TaskStatus.RUNNING);
    assert.deepEqual([retried.attempts, retried.lastErrorCode], [2, "SOURCE_UNAVAILABLE"], "the last failure stays visible");
    await assert.rejects(set(TaskSource.CRM, TaskStatus.DONE, "SOURCE_UNAVAILABLE"), BAD_INPUT(/with FAILED only/));
    await set(TaskSource.CRM, TaskStatus.DONE);
    await assert.rejects(set(TaskSource.CRM, TaskStatus.RUNNING), BAD_INPUT(/A DONE task cannot become RUNNING: it is final/));
    await set(TaskSource.AUTH, TaskStatus.RUNNING);
    await set(TaskSource.AUTH, TaskStatus.DONE);
    await set(TaskSource.BILLING, TaskStatus.HELD);
    const done = await service.complete(officer, r.id, { code: RequestOutcome.PARTIALLY_FULFILLED, text: "invoices kept under legal hold" });
    assert.equal(done.status, "COMPLETED");
    await assert.rejects(set(TaskSource.AUTH, TaskStatus.RUNNING), BAD_INPUT(/Tasks of a COMPLETED request cannot change/));
    const actions = (await auditOf(r.id)).map((e) => e.action);
    assert.equal(actions.filter((a) => a === "RIGHTS_REQUEST_TASK_UPDATED").length, 7, "refused moves are not audited");
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM privacy.audit_event WHERE entry::jsonb -> 'detail' ->> 'rightsRequest' = $1`, [r.id]);
    assert.equal(n, actions.length);
    assert.equal(n, 1 + 1 + 2 + 7 + 1, "received, verified, two task additions, seven task moves, completed");
  });

  test("work on a named request: VERIFIED starts it; IN_PROGRESS again only to retry FAILED tasks (retryFailed); the wrong subject or type is refused", async () => {
    const subjectId = await newSubject();
    const r = await emailRequest(subjectId, RightsRequestType.RECTIFY);
    await service.verify(officer, r.id, EMAIL_CHALLENGE);
    const crmTask = [{ source: TaskSource.CRM, status: TaskStatus.PENDING }];
    const start = (target: { subjectId: string; type: RightsRequestType }) =>
      work.start(officer, { ...target, requestId: r.id, retryFailed: true }, crmTask, undefined, async () => []);
    await assert.rejects(start({ subjectId: await newSubject(), type: RightsRequestType.RECTIFY }), BAD_INPUT(/VERIFIED RECTIFY request of this subject/));
    await assert.rejects(start({ subjectId, type: RightsRequestType.ERASE }), BAD_INPUT(/VERIFIED ERASE request of this subject/));
    await start({ subjectId, type: RightsRequestType.RECTIFY });
    assert.equal((await service.get(r.id))!.status, "IN_PROGRESS");
    await assert.rejects(start({ subjectId, type: RightsRequestType.RECTIFY }), BAD_INPUT(/no failed task to retry/), "work in flight is not started twice");

    await work.settle(officer, r.id, [{ source: TaskSource.CRM, status: TaskStatus.FAILED, errorCode: "SOURCE_UNAVAILABLE" }]);
    await assert.rejects(work.start(officer, { subjectId, type: RightsRequestType.RECTIFY, requestId: r.id }, crmTask, undefined, async () => []),
      BAD_INPUT(/IN_PROGRESS request cannot become IN_PROGRESS/), "without retryFailed (erasure: its jobs retry) an open request is not started again");
    await start({ subjectId, type: RightsRequestType.RECTIFY });
    const retried = (await service.get(r.id))!;
    assert.deepEqual(retried.tasks.map((t) => [t.source, t.status, t.attempts, t.lastErrorCode]), [["crm", "RUNNING", 2, "SOURCE_UNAVAILABLE"]]);
    assert.deepEqual((await auditOf(r.id)).at(-1).detail, { rightsRequest: r.id, type: "RECTIFY", channel: "EMAIL", status: "IN_PROGRESS",
      tasks: [{ source: "crm", from: "FAILED", to: "RUNNING", errorCode: null }] });
  });
});
