import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Databases } from "../../src/db/data-sources";
import { SettableClock } from "../../src/common/clock";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { LegalHoldRepository } from "../../src/holds/legal-hold.repository";
import { addDays, retentionEnd, ruleById } from "../../src/policy/retention";
import { Purpose } from "../../src/policy/purposes";
import { RetentionService } from "../../src/retention/retention.service";
import { privacyRecordTables } from "../../src/retention/expiring-tables";
import { RetentionRunRepository } from "../../src/retention/retention-run.repository";
import { RightsRequestRepository } from "../../src/rights/requests/rights-request.repository";
import { ChoicesRepository } from "../../src/rights/choices/choices.repository";
import { LegalDemandRepository } from "../../src/disclosure/legal-demand.repository";
import type { Actor } from "../../src/access/actor";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

/** The gateway's own records, 5 years after closure: requests with their tasks, ended directives, closed demands. */
describe(`retention: the gateway's own records (${engineName()})`, () => {
  let dbs: Databases;
  let engine: RetentionService;
  // Every date below is computed from this clock and the policy, never from the wall clock.
  const clock = new SettableClock("2031-06-15T12:00:00Z");
  const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: "r-1" };
  const closedOn = "2026-06-14";
  const lastDay = retentionEnd(ruleById("privacy-records"), closedOn);
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const q = (sql: string, params: unknown[] = []) => dbs.stores.privacy.query(sql, params) as Promise<any[]>;

  const request = async (completedAt: Date | null) => (await q(`INSERT INTO privacy.rights_request (subject_id, type, channel, received_at, due_at,
      status, verification_method, verified_at, policy_version, completed_at, outcome)
    VALUES ($1, 'ACCESS', 'PORTAL', $2, $2::timestamptz + interval '28 days', $3, 'PORTAL_LOGIN', $2, 'test', $4, $5) RETURNING id`,
    [randomUUID(), at("2026-06-01"), completedAt ? "COMPLETED" : "IN_PROGRESS", completedAt, completedAt ? "FULFILLED" : null]))[0].id as string;
  const directive = async (endedAt: Date | null) => (await q(`INSERT INTO privacy.subject_directive (subject_id, kind, purpose, recorded_by_role,
      policy_version, recorded_at, ended_at, ended_by_role) VALUES ($1, 'OBJECTION', 'ANALYTICS', 'customer', 'test', $2, $3, $4) RETURNING id`,
    [randomUUID(), at("2026-01-01"), endedAt, endedAt ? "customer" : null]))[0].id as string;
  const demand = async (status: string, closedAt: Date | null, confidential: boolean) => (await q(`INSERT INTO privacy.legal_demand (status, basis,
      issuer_type, authority, officer_name, officer_number, case_reference, subject_naming, categories, channel, received_at, refusals,
      confidential, recorded_by, recorded_at, decided_by, decided_at, closed_at)
    VALUES ($1, 'SV_126NC', 'POLICE_OFFICER', 'Politie', 'A', '1', 'PV', '{}'::jsonb, '{NAME}', 'WRITTEN', $2, $3, $4, 'lo', $2, 'po', $2, $5) RETURNING id`,
    [status, at("2026-05-01"), status === "REFUSED" ? ["SUBJECT_NOT_FOUND"] : [], confidential, closedAt]))[0].id as string;
  const ids = async (table: string) => (await q(`SELECT id FROM privacy.${table}`)).map((r) => r.id).sort();

  before(async () => {
    dbs = await openTestDatabases();
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey, clock);
    const tables = privacyRecordTables({
      requests: new RightsRequestRepository(dbs.stores.privacy).closedRecords,
      directives: new ChoicesRepository(dbs.stores.privacy).endedRecords,
      demands: new LegalDemandRepository(dbs.stores.privacy).closedRecords,
    });
    engine = new RetentionService(tables, new LegalHoldRepository(dbs.stores.privacy), new RetentionRunRepository(dbs.stores.privacy), audit, 100, clock);
  });
  after(() => dbs?.close());

  test("closed 5 years ago: kept through the last day, gone the day after; open, in force or still confidential: kept", async () => {
    const closed = at(closedOn);
    const old = { request: await request(closed), directive: await directive(closed), demand: await demand("CLOSED", closed, false) };
    const keep = {
      request: [await request(null), await request(at(addDays(closedOn, 1)))],
      directive: [await directive(null)],
      demand: [await demand("CLOSED", closed, true), await demand("APPROVED", null, true)],
    };
    await q(`INSERT INTO privacy.rights_request_task (request_id, source, status) VALUES ($1, 'privacy', 'DONE')`, [old.request]);

    clock.set(at(lastDay));
    const onLastDay = await engine.run(officer, false);
    assert.deepEqual(onLastDay.parts.map((p) => p.deleted), [0, 0, 0]);

    clock.set(at(addDays(lastDay, 1)));
    const dry = await engine.run(officer, true);
    const real = await engine.run(officer, false);
    assert.deepEqual(real.parts.map((p) => [p.table, p.candidates, p.deleted]), dry.parts.map((p) => [p.table, p.candidates, p.deleted]));
    assert.deepEqual(real.parts.map((p) => [p.rule, p.table, p.deleted]),
      [["privacy-records", "rights_request", 1], ["privacy-records", "subject_directive", 1], ["privacy-records", "legal_demand", 1]]);
    assert.deepEqual(await ids("rights_request"), [...keep.request].sort());
    assert.deepEqual(await q(`SELECT * FROM privacy.rights_request_task WHERE request_id = $1`, [old.request]), [], "its tasks went with it");
    assert.deepEqual(await ids("subject_directive"), keep.directive);
    assert.deepEqual(await ids("legal_demand"), [...keep.demand].sort(), "a demand the subject has not been told of stays");
  });
});
