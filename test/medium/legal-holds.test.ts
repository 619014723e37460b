import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Databases } from "../../src/db/data-sources";
import { sqlStats } from "../../src/db/sql-stats";
import { SettableClock } from "../../src/common/clock";
import { addMonths, FISCAL_HOLD_BASIS, fiscalRetentionEnd, utcDate } from "../../src/policy/retention";
import { HoldKind, type HoldOwner, type NewHold } from "../../src/holds/legal-hold";
import { LegalHoldRepository } from "../../src/holds/legal-hold.repository";
import { HoldKinds1700000000011 } from "../../migrations/privacy/1700000000011-hold-kinds";
import { engineName, openTestDatabases } from "../support/test-databases";

/** The hold register's one question on a real store: which of these records are held, by what, until when. */
describe(`legal holds (${engineName()})`, () => {
  let dbs: Databases;
  let holds: LegalHoldRepository;
  // Every date below is computed from this clock, never from the wall clock.
  const clock = new SettableClock("2026-06-15T12:00:00Z");
  const today = () => utcDate(clock.now());
  const owner: HoldOwner = { subjectId: randomUUID(), requestId: null, customerNumber: "K-HOLDS-1" };
  const fiscal = (recordType: string, recordId: string, expiresAt: string): NewHold =>
    ({ source: "billing", recordType, recordId, kind: HoldKind.FISCAL, basis: FISCAL_HOLD_BASIS, expiresAt });
  const register = (list: NewHold[], who: HoldOwner = owner) => holds.transaction((m) => holds.record(m, who, list));
  const holdId = async (recordId: string): Promise<string> =>
    (await dbs.stores.privacy.query(`SELECT id FROM privacy.legal_hold WHERE record_id = $1`, [recordId]))[0].id;

  before(async () => {
    dbs = await openTestDatabases();
    holds = new LegalHoldRepository(dbs.stores.privacy);
  });
  after(() => dbs?.close());

  test("held records are reported with their hold's kind, id, reason and last day; others are absent", async () => {
    const [invoice, payment, unheld, unheldPayment] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const until = fiscalRetentionEnd(addMonths(today(), -12)); // an invoice of last year
    await register([fiscal("invoice", invoice, until), fiscal("payment", payment, until)]);

    const before = sqlStats.total;
    const held = await holds.heldAt(clock.now(), [
      { source: "billing", recordType: "invoice", recordIds: [invoice, unheld] },
      { source: "billing", recordType: "payment", recordIds: [payment, unheldPayment, invoice] },
    ]);
    assert.equal(sqlStats.total - before, 1, "one statement for every set");
    const expected = [
      { source: "billing", recordType: "invoice", recordId: invoice, holdId: await holdId(invoice), kind: HoldKind.FISCAL, reason: FISCAL_HOLD_BASIS, until },
      { source: "billing", recordType: "payment", recordId: payment, holdId: await holdId(payment), kind: HoldKind.FISCAL, reason: FISCAL_HOLD_BASIS, until },
    ];
    assert.deepEqual(held, expected, "an invoice's id asked as a payment is not held");
    assert.deepEqual(await holds.heldAt(clock.now(), [{ source: "billing", recordType: "invoice", recordIds: [] }]), []);
    assert.deepEqual(await holds.heldAt(clock.now(), [{ source: "crm", recordType: "invoice", recordIds: [invoice] }]), [], "another source");
  });

  test("asked by customer: every record of that customer held in one source, and none of another customer or source", async () => {
    const who: HoldOwner = { subjectId: randomUUID(), requestId: null, customerNumber: "K-HOLDS-2" };
    const [invoice, payment, expired, otherCustomers] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const until = addMonths(today(), 6);
    await register([fiscal("invoice", invoice, until), fiscal("payment", payment, until), fiscal("invoice", expired, addMonths(today(), -1))], who);
    await register([fiscal("invoice", otherCustomers, until)], { ...who, customerNumber: "K-HOLDS-3" });

    const before = sqlStats.total;
    const held = await holds.heldAt(clock.now(), { customerNumber: "K-HOLDS-2", source: "billing" });
    assert.equal(sqlStats.total - before, 1);
    assert.deepEqual(held.map((h) => [h.recordType, h.recordId, h.until]).sort(),
      [["invoice", invoice, until], ["payment", payment, until]].sort(), "the expired hold and the other customer's are absent");
    assert.deepEqual(await holds.heldAt(clock.now(), { customerNumber: "K-HOLDS-2", source: "crm" }), [], "another source");
  });

  test("a hold holds through its last day and not from the next one; a released hold holds nothing", async () => {
    const [lastDay, released] = [randomUUID(), randomUUID()];
    const until = addMonths(today(), 1);
    await register([fiscal("invoice", lastDay, until), fiscal("invoice", released, addMonths(today(), 24))]);
    await dbs.stores.privacy.query(`UPDATE privacy.legal_hold SET released_at = now() WHERE record_id = $1`, [released]);
    const ask = async () => (await holds.heldAt(clock.now(), [{ source: "billing", recordType: "invoice", recordIds: [lastDay, released] }]))
      .map((h) => h.recordId);
    try {
      assert.deepEqual(await ask(), [lastDay]);
      clock.set(`${until}T23:59:59.999Z`);
      assert.deepEqual(await ask(), [lastDay], "held on its last day (UTC)");
      clock.set(`${until}T00:00:00Z`).advance(24 * 60 * 60 * 1000);
      assert.deepEqual(await ask(), [], "expired the day after");
    } finally {
      clock.set("2026-06-15T12:00:00Z");
    }
  });

  test("any source and record type can be held; every kind is accepted by the store and nothing else is", async () => {
    const customer = randomUUID();
    const kinds = Object.values(HoldKind);
    await register(kinds.map((kind) => ({ ...fiscal("customer", customer, addMonths(today(), 6)), source: "crm", kind })));
    const held = await holds.heldAt(clock.now(), [{ source: "crm", recordType: "customer", recordIds: [customer] }]);
    assert.deepEqual(held.map((h) => h.kind), [...kinds].sort());
    await assert.rejects(register([{ ...fiscal("invoice", randomUUID(), today()), kind: "MADE_UP" as HoldKind }]), "an unknown kind is refused");
  });

  test("registering is idempotent: a repeat writes nothing and keeps the hold's id", async () => {
    const invoice = randomUUID();
    const until = addMonths(today(), 30);
    await register([fiscal("invoice", invoice, until)]);
    const first = await holdId(invoice);
    await register([fiscal("invoice", invoice, until)]);
    const rows = await dbs.stores.privacy.query(`SELECT id, kind FROM privacy.legal_hold WHERE record_id = $1`, [invoice]);
    assert.deepEqual(rows, [{ id: first, kind: "FISCAL" }]);
  });

  test("the migration makes the holds registered before it FISCAL", async () => {
    const migration = new HoldKinds1700000000011();
    const recordId = randomUUID();
    await dbs.stores.privacy.query(`DELETE FROM privacy.legal_hold`);
    const runner = dbs.stores.privacy.createQueryRunner();
    try {
      await migration.down(runner);
      await runner.query(`INSERT INTO privacy.legal_hold (subject_id, source, record_type, record_id, customer_number, basis, expires_at)
        VALUES ($1, 'billing', 'invoice', $2, 'K-OLD', $3, $4::date)`, [owner.subjectId, recordId, FISCAL_HOLD_BASIS, addMonths(today(), 12)]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const held = await holds.heldAt(clock.now(), [{ source: "billing", recordType: "invoice", recordIds: [recordId] }]);
    assert.deepEqual(held.map((h) => [h.recordId, h.kind]), [[recordId, HoldKind.FISCAL]]);
  });
});
