import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Databases } from "../../src/db/data-sources";
import { SettableClock } from "../../src/common/clock";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { createSources } from "../../src/sources/sources";
import { LegalHoldRepository } from "../../src/holds/legal-hold.repository";
import { HoldKind } from "../../src/holds/legal-hold";
import { addDays, retentionEnd, ruleById } from "../../src/policy/retention";
import { Purpose } from "../../src/policy/purposes";
import { RetentionService } from "../../src/retention/retention.service";
import { expiringTables } from "../../src/retention/expiring-tables";
import { RetentionRunRepository } from "../../src/retention/retention-run.repository";
import type { Actor } from "../../src/access/actor";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

/** The retention engine's activity rule on real stores: boundary days, holds, batches, dry run = real run. */
describe(`retention: activity, 6 months rolling (${engineName()})`, () => {
  let dbs: Databases;
  let anne: SubjectFixture;
  let engine: RetentionService;
  let holds: LegalHoldRepository;
  // Every date below is computed from this clock and the policy, never from the wall clock.
  const clock = new SettableClock("2026-12-05T12:00:00Z");
  const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: "r-1" };
  const rule = ruleById("activity-rolling");
  const at = (day: string, time = "12:00:00") => new Date(`${day}T${time}Z`);

  const event = async (when: Date) => (await dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
    VALUES ($1, $2, '192.0.2.1', true, 'ua') RETURNING id`, [anne.accountId, when]))[0].id as string;
  const line = async (when: Date, accountId: string | null) => (await dbs.stores.weblog.query(`INSERT INTO weblog.access_log
    (occurred_at, ip, method, path, status, user_agent, account_id) VALUES ($1, '192.0.2.1', 'GET', '/', 200, 'ua', $2) RETURNING id`, [when, accountId]))[0].id as string;
  /** Every row of both tables with its md5: what a run must leave byte for byte. */
  const rows = async () => ({
    auth: Object.fromEntries((await dbs.stores.auth.query(`SELECT id, md5(row(e.*)::text) AS h FROM auth.login_event e`)).map((r: any) => [r.id, r.h])),
    weblog: Object.fromEntries((await dbs.stores.weblog.query(`SELECT id, md5(row(l.*)::text) AS h FROM weblog.access_log l`)).map((r: any) => [r.id, r.h])),
  });
  const part = (report: Awaited<ReturnType<RetentionService["run"]>>, table: string) => report.parts.find((p) => p.table === table)!;
  const without = <T extends Record<string, string>>(all: T, gone: string[]) => Object.fromEntries(Object.entries(all).filter(([id]) => !gone.includes(id)));

  before(async () => {
    dbs = await openTestDatabases();
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey, clock);
    holds = new LegalHoldRepository(dbs.stores.privacy);
    engine = new RetentionService(expiringTables(createSources(dbs.stores), holds), holds, new RetentionRunRepository(dbs.stores.privacy), audit, 2, clock);
    anne = await createSubject(dbs.stores, { loginEvents: 0, accessLogs: 0 });
  });
  after(() => dbs?.close());

  test("a record is kept through the last day the policy states and gone the day after; anonymous lines too; nothing else changes", async () => {
    const day = "2026-03-10";
    const last = retentionEnd(rule, day); // what the access report states as "kept until"
    const expiring = [await event(at(day, "23:59:59")), await line(at(day, "00:00:00"), anne.accountId), await line(at(day), null)];
    const fresh = [await event(at(addDays(day, 1), "00:00:00")), await line(at(addDays(day, 1)), null)];

    clock.set(at(last)); // D − 1: the last day
    const untouched = await rows();
    for (const dryRun of [true, false]) {
      const report = await engine.run(officer, dryRun);
      assert.deepEqual([part(report, "login_event").deleted, part(report, "access_log").deleted], [0, 0], `dry ${dryRun}`);
    }
    assert.deepEqual(await rows(), untouched);

    clock.set(at(addDays(last, 1))); // the day after the last day: these go, records one day younger are on their last day
    const dry = await engine.run(officer, true);
    assert.deepEqual(await rows(), untouched, "a dry run changes nothing");
    assert.deepEqual([part(dry, "login_event").candidates, part(dry, "login_event").deleted, part(dry, "access_log").deleted], [1, 1, 2]);
    const real = await engine.run(officer, false);
    assert.deepEqual(real.parts.map((p) => [p.table, p.candidates, p.deleted, p.batches, p.errorCode]),
      dry.parts.map((p) => [p.table, p.candidates, p.deleted, p.batches, null]), "the real run does what the dry run said");
    const left = await rows();
    assert.deepEqual(left.auth, without(untouched.auth, expiring));
    assert.deepEqual(left.weblog, without(untouched.weblog, expiring));
    assert.ok(fresh.every((id) => id in left.auth || id in left.weblog), "the day after is kept");
  });

  test("batches are bounded: five expired lines with a batch of two take three DELETEs, as the dry run says", async () => {
    clock.set(at("2026-12-05"));
    await engine.run(officer, false); // what earlier tests left expiring
    for (let i = 0; i < 5; i++) await line(at("2026-01-15"), null);
    const dry = part(await engine.run(officer, true), "access_log");
    const real = part(await engine.run(officer, false), "access_log");
    assert.deepEqual([dry.deleted, dry.batches], [5, 3]);
    assert.deepEqual([real.deleted, real.batches], [5, 3]);
  });

  test("a hold keeps exactly its records; when it expires, the next run deletes them; each run leaves one audit entry", async () => {
    clock.set(at("2026-12-05"));
    const old = at("2026-01-15");
    const [kept, gone] = [await event(old), await event(old)];
    const until = "2026-12-20";
    await holds.transaction((m) => holds.record(m, { subjectId: anne.id, requestId: null, customerNumber: anne.customerNumber },
      [{ source: "auth", recordType: "login_event", recordId: kept, kind: HoldKind.PRESERVATION, basis: "Sv art. 126ni (preservation order)", expiresAt: until }]));
    const before = await rows();
    const report = part(await engine.run(officer, false), "login_event");
    assert.deepEqual([report.candidates, report.deleted, report.keptByHold], [2, 1, [{ kind: "PRESERVATION", count: 1 }]]);
    const left = await rows();
    assert.deepEqual(left.auth, without(before.auth, [gone]), "the held event is unchanged, byte for byte");

    clock.set(at(until)); // the hold's last day: still kept
    assert.equal(part(await engine.run(officer, false), "login_event").deleted, 0);
    clock.set(at(addDays(until, 1)));
    const after = part(await engine.run(officer, false), "login_event");
    assert.deepEqual([after.deleted, after.keptByHold], [1, []]);
    assert.equal((await rows()).auth[kept], undefined);

    const entries = (await dbs.stores.privacy.query(`SELECT entry FROM privacy.audit_event WHERE action = 'RETENTION_RUN' ORDER BY seq`))
      .map((r: { entry: string }) => JSON.parse(r.entry));
    assert.ok(entries.length >= 3);
    const last = entries.at(-1);
    assert.deepEqual(last.detail.parts.map((p: any) => [p.rule, p.store, p.table]), [["activity-rolling", "auth", "login_event"],
      ["activity-rolling", "weblog", "access_log"], ["fiscal", "billing", "payment"], ["fiscal", "billing", "invoice"], ["fiscal", "privacy", "legal_hold"]]);
    assert.equal(last.detail.parts[0].deleted, 1);
    const text = JSON.stringify(entries);
    for (const id of [kept, gone, anne.id, anne.accountId!]) assert.ok(!text.includes(id), "no ids in the audit trail");
  });

  test("fiscal: invoices of 2018 and their payments go on 1 January 2026 with their fiscal hold rows; 2019 stays; a preservation hold keeps its invoice", async () => {
    clock.set(at("2025-06-01"));
    await engine.run(officer, false); // what earlier tests and the factory left past retention then
    const bob = await createSubject(dbs.stores, { invoices: 3, loginEvents: 0, accessLogs: 0 }); // invoices of 2017, 2018, 2019
    const [i2017, i2018, i2019] = bob.invoiceIds;
    const paymentOf = async (invoice: string) => (await dbs.stores.billing.query(`SELECT id FROM billing.payment WHERE invoice_id = $1`, [invoice]))[0].id as string;
    const [p2017, p2018, p2019] = [await paymentOf(i2017), await paymentOf(i2018), await paymentOf(i2019)];
    const owner = { subjectId: bob.id, requestId: null, customerNumber: bob.customerNumber };
    const hold = (recordType: string, recordId: string, kind: HoldKind, expiresAt: string) =>
      ({ source: "billing", recordType, recordId, kind, basis: kind === HoldKind.FISCAL ? "AWR art. 52; AVG art. 17(3)(b)" : "Sv art. 126ni (preservation order)", expiresAt });
    await holds.transaction((m) => holds.record(m, owner, [
      hold("invoice", i2018, HoldKind.FISCAL, "2025-12-31"), hold("payment", p2018, HoldKind.FISCAL, "2025-12-31"),
      hold("invoice", i2019, HoldKind.FISCAL, "2026-12-31"), hold("payment", p2019, HoldKind.FISCAL, "2026-12-31"),
      hold("invoice", i2017, HoldKind.PRESERVATION, "2026-02-01"), hold("payment", p2017, HoldKind.PRESERVATION, "2026-02-01"),
    ]));
    const billing = async () => Object.fromEntries((await dbs.stores.billing.query(`SELECT id, md5(row(x.*)::text) AS h FROM
      (SELECT id, invoice_number AS a, invoice_date::text AS b FROM billing.invoice UNION ALL SELECT id, reference, paid_at::text FROM billing.payment) x`))
      .map((r: any) => [r.id, r.h]));
    const fiscalHolds = async () => (await dbs.stores.privacy.query(`SELECT record_id FROM privacy.legal_hold WHERE kind = 'FISCAL' AND subject_id = $1`, [bob.id]))
      .map((r: any) => r.record_id).sort();

    clock.set(at("2025-12-31")); // the 2018 invoice's last day
    const before = await billing();
    await engine.run(officer, false);
    assert.deepEqual(await billing(), before, "nothing of bob goes on the last day");

    clock.set(at("2026-01-01"));
    const dry = await engine.run(officer, true);
    const real = await engine.run(officer, false);
    const fiscal = (r: typeof dry) => r.parts.filter((p) => p.rule === "fiscal").map((p) => [p.table, p.candidates, p.deleted, p.keptByHold]);
    assert.deepEqual(fiscal(real), fiscal(dry), "the real run does what the dry run said");
    for (const table of ["invoice", "payment"]) {
      assert.deepEqual(real.parts.find((p) => p.table === table)!.keptByHold, [{ kind: "PRESERVATION", count: 1 }], `the 2017 ${table} is past fiscal retention, preserved`);
    }
    assert.deepEqual(await billing(), without(before, [i2018, p2018]), "exactly the 2018 invoice and its payment went; the rest is unchanged");
    assert.deepEqual(await fiscalHolds(), [i2019, p2019].sort(), "the ended fiscal holds went with their records");
  });
});
