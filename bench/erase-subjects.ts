import type { Pool } from "pg";
import { generateDemoData } from "../src/seed/demo-data.generator";
import { SOURCE_TABLES } from "../src/seed/demo-data.tables";
import type { DemoData } from "../src/seed/demo-data.types";
import { decideBilling } from "../src/rights/erasure/erasure-plan";
import { utcDate } from "../src/policy/retention";
import type { BillingInventoryRow } from "../src/sources/billing/billing.adapter";

/**
 * Extra subjects for the erase scenario, which destroys what it measures. The demo seeder cannot add subjects
 * next to its own (it refuses, or wipes with `force`), so the demo generator is run again with another seed
 * and its rows are renumbered out of the main data's way (customer numbers K900001…, invoice numbers
 * YYYY-9xxxxx, usernames erase.*) and inserted with the seeder's own table mappings. Only subjects that
 * exercise the whole erasure are kept: a login account (with login events and access-log lines), a payment
 * method, and invoices of several years of which some are past fiscal retention (deleted) and some not
 * (held) on today's date — the date both servers plan with. Deterministic for a given seed and day.
 */
export interface EraseSubject {
  id: string;
  customerNumber: string;
  accountId: string;
  /** What the plan keeps under a legal hold (invoice and payment ids), sorted. */
  heldIds: string[];
  /** Rows the subject has in each table before the erasure. */
  rows: Record<string, number>;
}

export async function seedEraseSubjects(pool: Pool, o: { seed: number; count: number; now: Date }): Promise<EraseSubject[]> {
  const today = utcDate(new Date());
  const data = generateDemoData({ seed: o.seed, subjects: Math.max(100, o.count * 5), now: o.now });
  const picked: EraseSubject[] = [];
  for (const c of data.customers) {
    if (picked.length === o.count) break;
    const account = data.accounts.find((a) => a.customerNumber === c.customerNumber);
    const invoices = data.invoices.filter((i) => i.customerNumber === c.customerNumber);
    const payments = data.payments.filter((p) => p.customerNumber === c.customerNumber);
    const methods = data.paymentMethods.filter((m) => m.customerNumber === c.customerNumber);
    const inventory: BillingInventoryRow[] = [
      ...invoices.map((i) => ({ recordType: "invoice" as const, id: i.id, date: i.invoiceDate, invoiceId: null })),
      ...payments.map((p) => ({ recordType: "payment" as const, id: p.id, date: p.paidAt.slice(0, 10), invoiceId: p.invoiceId })),
    ];
    const plan = decideBilling(inventory, today);
    if (!account || methods.length === 0 || plan.holds.length === 0 || plan.invoiceIds.length === 0) continue;
    const logins = data.loginEvents.filter((e) => e.accountId === account.id).length;
    const log = data.accessLogs.filter((l) => l.accountId === account.id).length;
    if (logins === 0 || log === 0) continue;
    picked.push({
      id: c.id,
      customerNumber: c.customerNumber,
      accountId: account.id,
      heldIds: plan.holds.map((h) => h.recordId).sort(),
      rows: { invoice: invoices.length, payment: payments.length, payment_method: methods.length, login_event: logins, access_log: log },
    });
  }
  if (picked.length < o.count) throw new Error(`erase subjects: only ${picked.length} of ${o.count} generated subjects qualify`);

  const renumber = new Map(picked.map((s, i) => [s.customerNumber, `K${900_001 + i}`]));
  const keep = <R extends { customerNumber: string }>(rows: R[]) =>
    rows.filter((r) => renumber.has(r.customerNumber)).map((r) => ({ ...r, customerNumber: renumber.get(r.customerNumber)! }));
  const accounts = new Set(picked.map((s) => s.accountId));
  const extra: DemoData = {
    customers: keep(data.customers),
    invoices: keep(data.invoices).map((i) => ({ ...i, invoiceNumber: i.invoiceNumber.replace(/-\d/, "-9") })),
    payments: keep(data.payments),
    paymentMethods: keep(data.paymentMethods),
    accounts: keep(data.accounts).map((a) => ({ ...a, username: `erase.${a.username}` })),
    loginEvents: data.loginEvents.filter((e) => accounts.has(e.accountId)),
    accessLogs: data.accessLogs.filter((l) => l.accountId !== null && accounts.has(l.accountId)),
  };
  for (const s of picked) s.customerNumber = renumber.get(s.customerNumber)!;

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Holds an earlier bench run left for these (deterministic) ids: each run starts from no hold. By record
    // too: a run with another BENCH_ERASE_SUBJECTS generates other subjects around the same invoice ids.
    const records = [...extra.invoices, ...extra.payments].map((r) => r.id);
    await client.query("DELETE FROM privacy.legal_hold WHERE subject_id = ANY($1::uuid[]) OR record_id = ANY($2::uuid[])", [picked.map((s) => s.id), records]);
    for (const { tables } of SOURCE_TABLES) for (const t of tables) await t.insert(client, extra);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  await pool.query("ANALYZE crm.customer, auth.account, auth.login_event, weblog.access_log, billing.invoice, billing.payment, billing.payment_method");
  return picked;
}

/**
 * After the runs: what each erased subject left behind, which must be exactly its held invoices and payments
 * and their hold rows. Returns a description of every difference (empty: all erased as planned).
 */
export async function leftovers(pool: Pool, subjects: readonly EraseSubject[]): Promise<string[]> {
  const problems: string[] = [];
  const ids = async (sql: string, key: string) => (await pool.query<{ id: string }>(sql, [key])).rows.map((r) => r.id).sort();
  for (const s of subjects) {
    const gone: [string, string, string][] = [
      ["crm.customer", "SELECT id FROM crm.customer WHERE id = $1", s.id],
      ["auth.account", "SELECT id FROM auth.account WHERE customer_number = $1", s.customerNumber],
      ["auth.login_event", "SELECT id FROM auth.login_event WHERE account_id = $1", s.accountId],
      ["weblog.access_log", "SELECT id FROM weblog.access_log WHERE account_id = $1", s.accountId],
      ["billing.payment_method", "SELECT id FROM billing.payment_method WHERE customer_number = $1", s.customerNumber],
    ];
    for (const [table, sql, key] of gone) {
      const n = (await ids(sql, key)).length;
      if (n > 0) problems.push(`${s.id}: ${n} rows left in ${table}`);
    }
    const billing = await ids(
      "SELECT id FROM billing.invoice WHERE customer_number = $1 UNION ALL SELECT id FROM billing.payment WHERE customer_number = $1",
      s.customerNumber,
    );
    const holds = await ids("SELECT record_id AS id FROM privacy.legal_hold WHERE subject_id = $1 AND released_at IS NULL", s.id);
    if (billing.join() !== s.heldIds.join()) problems.push(`${s.id}: billing keeps ${billing.length} rows, the plan holds ${s.heldIds.length}`);
    if (holds.join() !== s.heldIds.join()) problems.push(`${s.id}: ${holds.length} hold rows, the plan holds ${s.heldIds.length}`);
  }
  return problems;
}
