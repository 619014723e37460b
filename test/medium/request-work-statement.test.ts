import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Databases } from "../../src/db/data-sources";
import { Purpose } from "../../src/policy/purposes";
import { FISCAL_HOLD_BASIS } from "../../src/policy/retention";
import { AuditAction } from "../../src/audit/audit-entry";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import type { Actor } from "../../src/access/actor";
import { RightsRequestRepository } from "../../src/rights/requests/rights-request.repository";
import { RightsRequestService } from "../../src/rights/requests/rights-request.service";
import { RequestWorkService } from "../../src/rights/requests/request-work.service";
import type { RequestRef } from "../../src/rights/requests/request-audit";
import { RequestOutcome, RightsRequestType, TaskSource, TaskStatus } from "../../src/rights/requests/rights-request";
import { LegalHoldRepository } from "../../src/holds/legal-hold.repository";
import { HoldKind } from "../../src/holds/legal-hold";
import type { StatementPart } from "../../src/db/one-statement";
import { createSubject } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

const customer: Actor = { actor: "login-7", role: "customer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() };
const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: randomUUID() };
const { CRM, AUTH, PRIVACY } = TaskSource;
const { PENDING, DONE, FAILED, RUNNING } = TaskStatus;
const TASKS = [{ source: PRIVACY, status: DONE }, { source: CRM, status: PENDING }, { source: AUTH, status: PENDING }];

/**
 * The portal's request work as ONE statement each (RequestWorkService.startPortal / settleKnown): what is
 * written lands together, what fails leaves nothing, and a state that moved meanwhile is never overwritten.
 */
describe(`request work in one statement (${engineName()})`, () => {
  let dbs: Databases;
  let work: RequestWorkService;
  let requests: RightsRequestService;
  let holds: LegalHoldRepository;
  const q = (sql: string, params: unknown[] = []) => dbs.stores.privacy.query(sql, params);
  const counts = async () =>
    (await q(`SELECT (SELECT count(*)::int FROM privacy.rights_request) AS requests, (SELECT count(*)::int FROM privacy.rights_request_task) AS tasks,
      (SELECT count(*)::int FROM privacy.audit_event) AS audit, (SELECT count(*)::int FROM privacy.legal_hold) AS holds`))[0];
  const actionsOf = async (id: string): Promise<string[]> =>
    (await q(`SELECT action FROM privacy.audit_event WHERE entry::jsonb -> 'detail' ->> 'rightsRequest' = $1 ORDER BY seq`, [id])).map((r: { action: string }) => r.action);
  const tasksOf = async (id: string) => (await requests.get(id))!.tasks.map((t) => [t.source, t.status, t.attempts, t.lastErrorCode]);
  /** A hold on a made-up invoice, as the erasure registers it: a real part of another table of the store. */
  const holdPart = (subjectId: string, requestId: string, recordId = randomUUID()): StatementPart[] =>
    holds.upsertPart({ subjectId, requestId, customerNumber: "K1" }, [{ source: "billing", recordType: "invoice", recordId, kind: HoldKind.FISCAL, basis: FISCAL_HOLD_BASIS, expiresAt: "2031-12-31" }]);
  const evidence = (subjectId: string, id: string) => ({
    action: AuditAction.SUBJECT_ERASURE_STEP, actor: customer.actor, role: customer.role, purpose: customer.purpose, subjectId,
    categories: [], requestId: customer.requestId, policyVersion: "test", detail: { rightsRequest: id, steps: [{ step: "privacy" }] },
  });
  const open = async (): Promise<RequestRef> => {
    const subjectId = (await createSubject(dbs.stores, { invoices: 0, account: false, paymentMethods: 0 })).id;
    return work.startPortal(customer, subjectId, RightsRequestType.ERASE, TASKS, async (id) => ({ parts: holdPart(subjectId, id), entries: [evidence(subjectId, id)] }));
  };

  before(async () => {
    dbs = await openTestDatabases();
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey);
    const repository = new RightsRequestRepository(dbs.stores.privacy);
    work = new RequestWorkService(repository, audit);
    requests = new RightsRequestService(repository, audit, async () => true);
    holds = new LegalHoldRepository(dbs.stores.privacy);
  });
  after(() => dbs?.close());

  test("startPortal: the request, its tasks, the work's own rows and every entry are written together", async () => {
    const before = await counts();
    const r = await open();
    const stored = (await requests.get(r.id))!;
    assert.deepEqual([stored.subjectId, stored.type, stored.channel, stored.status, stored.verificationMethod], [r.subjectId, "ERASE", "PORTAL", "IN_PROGRESS", "PORTAL_LOGIN"]);
    assert.deepEqual(await tasksOf(r.id), [["auth", PENDING, 0, null], ["crm", PENDING, 0, null], ["privacy", DONE, 1, null]]);
    const [hold] = await q(`SELECT request_id, subject_id FROM privacy.legal_hold WHERE request_id = $1`, [r.id]);
    assert.deepEqual(hold, { request_id: r.id, subject_id: r.subjectId });
    assert.deepEqual(await actionsOf(r.id), ["RIGHTS_REQUEST_RECEIVED", "RIGHTS_REQUEST_TASKS_ADDED", "SUBJECT_ERASURE_STEP"]);
    assert.deepEqual(await counts(), { requests: before.requests + 1, tasks: before.tasks + 3, audit: before.audit + 3, holds: before.holds + 1 });
  });

  test("startPortal: when one part fails, nothing at all is stored (no request, task, row or entry)", async () => {
    const subjectId = (await createSubject(dbs.stores, { invoices: 0, account: false, paymentMethods: 0 })).id;
    const before = await counts();
    // A NOT NULL column left out: the database refuses this part, after the others were written in the statement.
    const broken = (id: string): StatementPart => ({ name: "broken", text: `INSERT INTO privacy.legal_hold (subject_id, request_id) VALUES ($1, $2)`, params: [subjectId, id] });
    await assert.rejects(work.startPortal(customer, subjectId, RightsRequestType.ERASE, TASKS, async (id) => ({
      parts: [...holdPart(subjectId, id), broken(id)], entries: [evidence(subjectId, id)],
    })), /null value/);
    assert.deepEqual(await counts(), before);
  });

  test("settleKnown: tasks, completion, the caller's rows and the evidence in one statement when the state is as left", async () => {
    const r = await open();
    const before = await counts();
    const status = await work.settleKnown(customer, r, PENDING, [{ source: CRM, status: DONE, errorCode: null }, { source: AUTH, status: DONE, errorCode: null }], {
      outcomeWhenDone: { code: RequestOutcome.PARTIALLY_FULFILLED }, entries: [evidence(r.subjectId, r.id)], parts: holdPart(r.subjectId, r.id),
    });
    assert.equal(status, "COMPLETED");
    const stored = (await requests.get(r.id))!;
    assert.deepEqual([stored.status, stored.outcome, stored.completedAt instanceof Date], ["COMPLETED", "PARTIALLY_FULFILLED", true]);
    assert.deepEqual(await tasksOf(r.id), [["auth", DONE, 1, null], ["crm", DONE, 1, null], ["privacy", DONE, 1, null]]);
    assert.deepEqual((await actionsOf(r.id)).slice(3), ["SUBJECT_ERASURE_STEP", "RIGHTS_REQUEST_TASK_UPDATED", "RIGHTS_REQUEST_COMPLETED"]);
    assert.deepEqual(await counts(), { ...before, audit: before.audit + 3, holds: before.holds + 1 });
  });

  test("settleKnown: a failed task is recorded and the request stays IN_PROGRESS (nothing completes early)", async () => {
    const r = await open();
    const status = await work.settleKnown(customer, r, PENDING, [{ source: CRM, status: DONE, errorCode: null }, { source: AUTH, status: FAILED, errorCode: "SOURCE_UNAVAILABLE" }], {
      outcomeWhenDone: { code: RequestOutcome.FULFILLED },
    });
    assert.equal(status, "IN_PROGRESS");
    assert.equal((await requests.get(r.id))!.status, "IN_PROGRESS");
    assert.deepEqual(await tasksOf(r.id), [["auth", FAILED, 1, "SOURCE_UNAVAILABLE"], ["crm", DONE, 1, null], ["privacy", DONE, 1, null]]);
    assert.ok(!(await actionsOf(r.id)).includes("RIGHTS_REQUEST_COMPLETED"));
  });

  test("settleKnown: when a task moved meanwhile, nothing is written and null sends the caller to the general settle", async () => {
    const r = await open();
    await work.settle(officer, r.id, [{ source: AUTH, status: RUNNING, errorCode: null }]); // a job got there first
    const before = await counts();
    const tasksBefore = await tasksOf(r.id);
    const changes = [{ source: CRM, status: DONE, errorCode: null }, { source: AUTH, status: DONE, errorCode: null }];
    const options = { outcomeWhenDone: { code: RequestOutcome.FULFILLED }, entries: [evidence(r.subjectId, r.id)], parts: holdPart(r.subjectId, r.id) };
    assert.equal(await work.settleKnown(customer, r, PENDING, changes, options), null);
    assert.deepEqual(await counts(), before, "no task, request, row or entry written");
    assert.deepEqual(await tasksOf(r.id), tasksBefore);
    // The general settle reads the real state and records the true transitions (RUNNING → DONE for auth).
    assert.equal(await work.settle(customer, r.id, changes, { outcomeWhenDone: options.outcomeWhenDone }), "COMPLETED");
    const updated = (await q(`SELECT entry::jsonb -> 'detail' AS d FROM privacy.audit_event WHERE action = 'RIGHTS_REQUEST_TASK_UPDATED'
      AND entry::jsonb -> 'detail' ->> 'rightsRequest' = $1 ORDER BY seq`, [r.id]))
      .map((x: { d: { tasks: Record<string, string>[] } }) => x.d.tasks.map((t) => [t.source, t.from, t.to]));
    assert.deepEqual(updated, [[["auth", PENDING, RUNNING]], [["crm", PENDING, DONE], ["auth", RUNNING, DONE]]], "one entry per settle");
  });

  test("settleKnown: a request no longer IN_PROGRESS is left alone (null, nothing written)", async () => {
    const r = await open();
    await work.settle(officer, r.id, [{ source: CRM, status: DONE, errorCode: null }, { source: AUTH, status: DONE, errorCode: null }], { outcomeWhenDone: { code: RequestOutcome.FULFILLED } });
    const before = await counts();
    assert.equal(await work.settleKnown(customer, r, PENDING, [{ source: CRM, status: DONE, errorCode: null }], { outcomeWhenDone: { code: RequestOutcome.FULFILLED } }), null);
    assert.deepEqual(await counts(), before);
  });
});
