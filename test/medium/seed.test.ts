import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Databases, DataSources } from "../../src/db/data-sources";
import { DEMO_SEED_KEY, SeedConflictError, countRows, seedDemoData, type SeedReport } from "../../src/seed/demo-data.seeder";
import { engineName, openTestDatabases } from "../support/test-databases";
import { ChoicesRepository } from "../../src/rights/choices/choices.repository";
import { toPrivacyStatus } from "../../src/rights/choices/privacy-status";
import { CONSENT_CELLS } from "../../src/policy/policy-cells";
import { POLICY_VERSION } from "../../src/policy/policy-version";

const NOW = new Date("2025-06-15T12:00:00.000Z");
const SIX_MONTHS_AGO = "2024-12-15";
const SEED = 20_250_615;
const SUBJECTS = 40;

/** Each table with the store it lives in; every query below runs on one store only. */
const TABLES = {
  "crm.customer": "crm",
  "billing.invoice": "billing",
  "billing.payment": "billing",
  "billing.payment_method": "billing",
  "auth.account": "auth",
  "auth.login_event": "auth",
  "weblog.access_log": "weblog",
} as const;

/** The test's own mod-97 check (ISO 13616), independent of the generator's implementation. */
function ibanIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = [...rearranged].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join("");
  return BigInt(digits) % 97n === 1n;
}

async function one<T>(sources: DataSources, store: keyof DataSources, sql: string, params: unknown[] = []): Promise<T> {
  const rows: T[] = await sources[store].query(sql, params);
  return rows[0];
}

/** A fingerprint of every table (hash of all rows in id order), to compare two databases exactly. */
async function fingerprints(sources: DataSources): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, store] of Object.entries(TABLES)) {
    const sql = `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS h FROM ${table} t`;
    out[table] = (await one<{ h: string }>(sources, store, sql)).h;
  }
  return out;
}

describe(`demo data seeding (${engineName()})`, () => {
  let dbs: Databases;
  let report: SeedReport;
  before(async () => {
    dbs = await openTestDatabases();
    report = await seedDemoData(dbs.stores, { seed: SEED, subjects: SUBJECTS, now: NOW });
  });
  after(() => dbs?.close());

  test("the report's counts match the tables, and every table has rows", async () => {
    assert.equal(report.skipped, false);
    assert.deepEqual(Object.keys(report.counts).sort(), Object.keys(TABLES).sort());
    assert.deepEqual(await countRows(dbs.stores), report.counts);
    for (const [table, store] of Object.entries(TABLES)) {
      const { n } = await one<{ n: number }>(dbs.stores, store, `SELECT count(*)::int AS n FROM ${table}`);
      assert.equal(n, report.counts[table], table);
      assert.ok(n > 0, `${table} is empty`);
    }
    assert.equal(report.counts["crm.customer"], SUBJECTS);
  });

  test("a second call is skipped and changes nothing; the marker records the seed", async () => {
    const again = await seedDemoData(dbs.stores, { seed: SEED + 1, subjects: 5, now: NOW });
    assert.equal(again.skipped, true);
    assert.equal(again.seed, SEED);
    assert.equal(again.subjects, SUBJECTS);
    assert.deepEqual(again.counts, report.counts);
    const { value } = await one<{ value: { seed: number; subjects: number; asOf: string } }>(
      dbs.stores, "privacy", `SELECT value FROM privacy.gateway_meta WHERE key = $1`, [DEMO_SEED_KEY]);
    assert.deepEqual([value.seed, value.subjects, value.asOf], [SEED, SUBJECTS, NOW.toISOString()]);
  });

  test("invoices span at least 9 distinct years and their amounts add up", async () => {
    const { years } = await one<{ years: number }>(dbs.stores, "billing",
      `SELECT count(DISTINCT extract(year FROM invoice_date))::int AS years FROM billing.invoice`);
    assert.ok(years >= 9, `only ${years} invoice years`);
    const { bad } = await one<{ bad: number }>(dbs.stores, "billing",
      `SELECT count(*)::int AS bad FROM billing.invoice
        WHERE amount_incl_vat <> amount_excl_vat + vat_amount OR vat_amount <> round(amount_excl_vat * 0.21, 2)
           OR vat_rate <> 21.00 OR due_date <> invoice_date + 14 OR invoice_date > $1::date`, [NOW.toISOString().slice(0, 10)]);
    assert.equal(bad, 0);
    // Same store, so this join is fine: one payment per paid invoice, for the invoice's amount.
    const pay = await one<{ paid: number; matched: number }>(dbs.stores, "billing",
      `SELECT (SELECT count(*)::int FROM billing.invoice WHERE status = 'PAID') AS paid,
              (SELECT count(*)::int FROM billing.payment p JOIN billing.invoice i ON i.id = p.invoice_id
                WHERE i.status = 'PAID' AND p.amount = i.amount_incl_vat AND p.paid_at >= i.invoice_date) AS matched`);
    assert.equal(pay.matched, pay.paid);
    assert.equal(pay.paid, report.counts["billing.payment"]);
  });

  test("contracts: most active, some ended over six months ago, some within the last six months", async () => {
    const c = await one<{ active: number; long_ago: number; recent: number; total: number }>(dbs.stores, "crm",
      `SELECT count(*) FILTER (WHERE contract_end IS NULL)::int AS active,
              count(*) FILTER (WHERE contract_end < $1::date)::int AS long_ago,
              count(*) FILTER (WHERE contract_end >= $1::date AND contract_end <= $2::date)::int AS recent,
              count(*)::int AS total
         FROM crm.customer`, [SIX_MONTHS_AGO, NOW.toISOString().slice(0, 10)]);
    assert.ok(c.long_ago >= 1 && c.recent >= 1, JSON.stringify(c));
    assert.ok(c.active > c.total / 2, JSON.stringify(c));
    assert.equal(c.active + c.long_ago + c.recent, c.total);
  });

  test("login events and access logs hold IPv4 and IPv6, all within the last nine months", async () => {
    for (const [table, store] of [["auth.login_event", "auth"], ["weblog.access_log", "weblog"]] as const) {
      const r = await one<{ families: number[]; outside: number }>(dbs.stores, store,
        `SELECT array_agg(DISTINCT family(ip) ORDER BY family(ip)) AS families,
                count(*) FILTER (WHERE occurred_at < $1::timestamptz - interval '9 months' OR occurred_at > $1::timestamptz)::int AS outside
           FROM ${table}`, [NOW.toISOString()]);
      assert.deepEqual(r.families, [4, 6], table);
      assert.equal(r.outside, 0, table);
    }
  });

  test("every IBAN passes mod 97; cards have a token and last four digits", async () => {
    const methods: Array<{ kind: string; iban: string | null; card_token: string | null; card_last4: string | null }> =
      await dbs.stores.billing.query(`SELECT kind, iban, card_token, card_last4 FROM billing.payment_method`);
    const ibans = methods.filter((m) => m.kind === "IBAN");
    assert.ok(ibans.length > 0);
    for (const m of ibans) assert.ok(m.iban && /^NL\d{2}[A-Z]{4}\d{10}$/.test(m.iban) && ibanIsValid(m.iban), String(m.iban));
    for (const m of methods.filter((x) => x.kind === "CARD")) {
      assert.match(String(m.card_token), /^tok_[a-z0-9]+$/);
      assert.match(String(m.card_last4), /^\d{4}$/);
    }
  });

  test("references across stores hold (compared in JavaScript, never joined in SQL)", async () => {
    const numbers = (rows: Array<{ customer_number: string }>) => rows.map((r) => r.customer_number);
    const customers = new Set(numbers(await dbs.stores.crm.query(`SELECT customer_number FROM crm.customer`)));
    for (const sql of [`SELECT customer_number FROM auth.account`, `SELECT DISTINCT customer_number FROM billing.invoice`]) {
      const store = sql.includes("auth.") ? "auth" : "billing";
      for (const n of numbers(await dbs.stores[store].query(sql))) assert.ok(customers.has(n), `${sql}: ${n}`);
    }
    const accounts = new Set(
      (await dbs.stores.auth.query(`SELECT id FROM auth.account`)).map((r: { id: string }) => r.id),
    );
    const logged: Array<{ account_id: string }> = await dbs.stores.weblog.query(
      `SELECT DISTINCT account_id FROM weblog.access_log WHERE account_id IS NOT NULL`);
    assert.ok(logged.length > 0);
    for (const { account_id } of logged) assert.ok(accounts.has(account_id), account_id);
    const { anonymous } = await one<{ anonymous: number }>(dbs.stores, "weblog",
      `SELECT count(*)::int AS anonymous FROM weblog.access_log WHERE account_id IS NULL`);
    assert.ok(anonymous > 0);
    const { stale } = await one<{ stale: number }>(dbs.stores, "auth",
      `SELECT count(*)::int AS stale FROM auth.account a
        WHERE a.last_login_at IS DISTINCT FROM (SELECT max(e.occurred_at) FROM auth.login_event e WHERE e.account_id = a.id AND e.success)`);
    assert.equal(stale, 0);
  });
  test("every seeded consent shows when it was given (at sign-up) and under which policy version", async () => {
    const customers: Array<{ id: string; created_at: Date }> = await dbs.stores.crm.query(`SELECT id, created_at FROM crm.customer ORDER BY id`);
    const repository = new ChoicesRepository(dbs.stores.privacy);
    const directives = await repository.activeDirectives(customers.map((c) => c.id));
    for (const [i, c] of customers.entries()) {
      const { consents } = toPrivacyStatus(c.id, directives[i]);
      assert.equal(consents?.length, CONSENT_CELLS.length);
      for (const consent of consents ?? []) {
        assert.deepEqual(
          [consent.status, consent.since?.toISOString(), consent.policyVersion, consent.recordedByRole],
          ["GIVEN", new Date(c.created_at).toISOString(), POLICY_VERSION, "customer"],
          `${c.id} ${consent.purpose} × ${consent.category}`,
        );
      }
    }
  });

  test("without a marker, existing rows are refused; force wipes and reseeds", async () => {
    await dbs.stores.privacy.query(`DELETE FROM privacy.gateway_meta WHERE key = $1`, [DEMO_SEED_KEY]);
    await assert.rejects(seedDemoData(dbs.stores, { seed: SEED, subjects: SUBJECTS, now: NOW }), SeedConflictError);
    const small = await seedDemoData(dbs.stores, { seed: 7, subjects: 6, now: NOW, force: true });
    assert.equal(small.skipped, false);
    assert.deepEqual(await countRows(dbs.stores), small.counts);
    assert.equal(small.counts["crm.customer"], 6);
    // The wiped customers' consents went with them; the new ones have theirs.
    const consents = await one<{ n: number }>(dbs.stores, "privacy", `SELECT count(*)::int AS n FROM privacy.subject_directive WHERE kind = 'CONSENT_GIVEN'`);
    assert.equal(consents.n, 6 * CONSENT_CELLS.length);
  });

  test("the same seed and now give identical rows in two fresh databases", async () => {
    const first = await seedDemoData(dbs.stores, { seed: SEED, subjects: SUBJECTS, now: NOW, force: true });
    const customerSql = `SELECT * FROM crm.customer ORDER BY customer_number`;
    const customersA = await dbs.stores.crm.query(customerSql);
    const printsA = await fingerprints(dbs.stores);
    // On a server the stores are recreated in place, so the first database must be closed before the second.
    await dbs.close();
    dbs = await openTestDatabases();
    const second = await seedDemoData(dbs.stores, { seed: SEED, subjects: SUBJECTS, now: NOW });
    assert.deepEqual(second.counts, first.counts);
    assert.deepEqual(await dbs.stores.crm.query(customerSql), customersA);
    assert.deepEqual(await fingerprints(dbs.stores), printsA);
    assert.deepEqual(first.counts, report.counts);
  });
});
