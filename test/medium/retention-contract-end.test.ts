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
import { addDays, addMonths, FISCAL_HOLD_BASIS, fiscalRetentionEnd, retentionEnd, ruleById } from "../../src/policy/retention";
import { Purpose } from "../../src/policy/purposes";
import { RetentionService } from "../../src/retention/retention.service";
import { expiringTables } from "../../src/retention/expiring-tables";
import { RetentionRunRepository } from "../../src/retention/retention-run.repository";
import { ErasureService } from "../../src/rights/erasure/erasure.service";
import { ContractEndRetirement } from "../../src/rights/erasure/contract-end-retirement";
import type { Actor } from "../../src/access/actor";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

const STORES = ["crm", "auth", "billing", "weblog"] as const;
/** Every table of the sources and the hold register, by store. */
const TABLES: Record<string, string[]> = {
  crm: ["crm.customer"], auth: ["auth.account", "auth.login_event"], weblog: ["weblog.access_log"],
  billing: ["billing.invoice", "billing.payment", "billing.payment_method"],
};

/** The contract-end rule on real stores: the boundary day, what goes and what is kept under a fiscal hold, dry = real. */
describe(`retention: contract ended + 6 months (${engineName()})`, () => {
  let dbs: Databases;
  let engine: RetentionService;
  // The factory's invoices are of 2017, 2018 and 2019, so the clock stands in 2026: the 2019 invoice is inside
  // fiscal retention, the others past it. Every other date is computed from this clock and the policy.
  const clock = new SettableClock("2026-11-01T12:00:00Z");
  const officer: Actor = { actor: "po-1", role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: "r-1" };
  const rule = ruleById("crm-after-contract");
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const today = () => clock.now().toISOString().slice(0, 10);

  /** Every row of every source table with its md5, by table: what a run must leave byte for byte. */
  const snapshot = async () => {
    const out: Record<string, Record<string, string>> = {};
    for (const store of STORES) for (const table of TABLES[store]) {
      const rows = await dbs.stores[store].query(`SELECT id, md5(row(x.*)::text) AS h FROM ${table} x`);
      out[table] = Object.fromEntries(rows.map((r: { id: string; h: string }) => [r.id, r.h]));
    }
    return out;
  };
  const idsOf = async (store: (typeof STORES)[number], sql: string, params: unknown[]) =>
    (await dbs.stores[store].query(sql, params)).map((r: { id: string }) => r.id) as string[];
  /** The rows of one customer in every source table. */
  const rowsOf = async (s: SubjectFixture) => ({
    "crm.customer": [s.id],
    "auth.account": s.accountId ? [s.accountId] : [],
    "auth.login_event": await idsOf("auth", `SELECT id FROM auth.login_event WHERE account_id = $1`, [s.accountId]),
    "weblog.access_log": await idsOf("weblog", `SELECT id FROM weblog.access_log WHERE account_id = $1`, [s.accountId]),
    "billing.invoice": s.invoiceIds,
    "billing.payment": await idsOf("billing", `SELECT id FROM billing.payment WHERE customer_number = $1`, [s.customerNumber]),
    "billing.payment_method": await idsOf("billing", `SELECT id FROM billing.payment_method WHERE customer_number = $1`, [s.customerNumber]),
  });
  const without = (all: Record<string, Record<string, string>>, gone: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(all).map(([t, rows]) => [t, Object.fromEntries(Object.entries(rows).filter(([id]) => !(gone[t] ?? []).includes(id)))]));
  const counts = (r: Awaited<ReturnType<RetentionService["run"]>>) =>
    r.parts.filter((p) => p.rule === rule.id).map((p) => [p.store, p.table, p.candidates, p.deleted, p.keptByHold, p.batches, p.errorCode]);
  /** A customer whose contract ended on `end`, with a login event and a log line inside the rolling 6 months of the clock. */
  const customer = async (end: string | null) => {
    const s = await createSubject(dbs.stores, { customer: { contract_end: end }, loginEvents: 0, accessLogs: 0 });
    const recent = new Date(clock.now().getTime() - 30 * 86_400_000);
    await dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, '192.0.2.1', true, 'ua')`, [s.accountId, recent]);
    await dbs.stores.weblog.query(`INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
      VALUES ($1, '192.0.2.1', 'GET', '/', 200, 'ua', $2)`, [recent, s.accountId]);
    return s;
  };

  before(async () => {
    dbs = await openTestDatabases();
    const audit = new AuditService(new AuditRepository(dbs.stores.privacy), testConfig().audit.hashKey, clock);
    const holds = new LegalHoldRepository(dbs.stores.privacy);
    const sources = createSources(dbs.stores);
    engine = new RetentionService(expiringTables(sources, holds), holds, new RetentionRunRepository(dbs.stores.privacy), audit, 2, clock,
      new ContractEndRetirement(new ErasureService(sources, holds, clock), sources, holds));
    await engine.run(officer, false); // what the fixtures of other suites left past retention
  });
  after(() => dbs?.close());

  test("kept through the last day the policy states, retired the day after: crm, account, events, lines, payment methods go; the 2019 invoice stays under a fiscal hold", async () => {
    const end = addMonths(today(), -6); // its last day is today
    const last = retentionEnd(rule, end);
    const [ended, running, endsLater] = [await customer(end), await customer(null), await customer(addDays(end, 1))];

    clock.set(at(last));
    await engine.run(officer, false); // the fiscal rule takes every customer's invoices of 2017 and 2018
    const untouched = await snapshot();
    const onLastDay = await engine.run(officer, false);
    assert.deepEqual(counts(onLastDay).map((c) => c[3]), [0, 0, 0, 0, 0, 0, 0], "nothing is retired on the last day");
    assert.deepEqual(await snapshot(), untouched);

    clock.set(at(addDays(last, 1)));
    const mine = await rowsOf(ended);
    const dry = await engine.run(officer, true);
    assert.deepEqual(await snapshot(), untouched, "a dry run changes nothing");
    const real = await engine.run(officer, false);
    assert.deepEqual(counts(real), counts(dry), "the real run does what the dry run said");
    const fiscal = [{ kind: "FISCAL", count: 1 }];
    assert.deepEqual(counts(real).map((c) => c.slice(1, 5)), [
      ["customer", 1, 1, []], ["account", 1, 1, []], ["login_event", 1, 1, []], ["access_log", 1, 1, []],
      ["payment_method", 1, 1, []], ["invoice", 1, 0, fiscal], ["payment", 1, 0, fiscal],
    ]);

    // The 2017 and 2018 invoices were the fiscal rule's (past fiscal retention); the 2019 invoice and payment stay.
    const i2019 = ended.invoiceIds[2];
    const p2019 = (await idsOf("billing", `SELECT id FROM billing.payment WHERE invoice_id = $1`, [i2019]))[0];
    const gone = { ...mine, "billing.invoice": [], "billing.payment": [] };
    assert.deepEqual(await snapshot(), without(untouched, gone), "exactly the ended customer's rows went; the others are unchanged, byte for byte");
    for (const s of [running, endsLater]) assert.deepEqual(Object.values(await rowsOf(s)).every((ids) => ids.length > 0), true);

    const holds = await dbs.stores.privacy.query(`SELECT record_type, record_id, kind, basis, to_char(expires_at, 'YYYY-MM-DD') AS until,
      customer_number, request_id FROM privacy.legal_hold WHERE subject_id = $1 ORDER BY record_type`, [ended.id]);
    assert.deepEqual(holds, [
      { record_type: "invoice", record_id: i2019, kind: HoldKind.FISCAL, basis: FISCAL_HOLD_BASIS, until: fiscalRetentionEnd("2019-03-01"), customer_number: ended.customerNumber, request_id: null },
      { record_type: "payment", record_id: p2019, kind: HoldKind.FISCAL, basis: FISCAL_HOLD_BASIS, until: fiscalRetentionEnd("2019-03-01"), customer_number: ended.customerNumber, request_id: null },
    ], "the hold rows an erasure places");

    const again = await engine.run(officer, false);
    assert.deepEqual(counts(again).map((c) => c[3]), [0, 0, 0, 0, 0, 0, 0], "a retired customer is not found again");
  });

  test("a hold on the crm record keeps it (the subject is then marked ERASED); its other records go", async () => {
    const s = await customer(addMonths(today(), -7));
    await dbs.stores.privacy.query(`INSERT INTO privacy.legal_hold (subject_id, source, record_type, record_id, kind, customer_number, basis, expires_at)
      VALUES ($1, 'crm', 'customer', $1, 'PRESERVATION', $2, 'Sv art. 126ni (preservation order)', $3)`, [s.id, s.customerNumber, addDays(today(), 30)]);
    const dry = await engine.run(officer, true);
    const real = await engine.run(officer, false);
    assert.deepEqual(counts(real), counts(dry));
    const crm = real.parts.find((p) => p.rule === rule.id && p.table === "customer")!;
    assert.deepEqual([crm.candidates, crm.deleted, crm.keptByHold], [1, 0, [{ kind: "PRESERVATION", count: 1 }]]);
    const left = await rowsOf(s);
    assert.deepEqual([left["crm.customer"].length, left["auth.login_event"], left["billing.payment_method"]], [1, [], []]);
    assert.equal((await dbs.stores.crm.query(`SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, [s.id]))[0].n, 1);
    const directives = await dbs.stores.privacy.query(`SELECT kind FROM privacy.subject_directive WHERE subject_id = $1`, [s.id]);
    assert.deepEqual(directives.map((d: { kind: string }) => d.kind), ["ERASED"]);
  });
});
