import { Client } from "pg";
import { cutsOn } from "./retention-data";

/**
 * Scenario T's correctness: what must be left after a run, computed on the untouched template with the bench's
 * own conditions (not the gateway's statements), and what each copy holds afterwards — row counts and a digest of
 * the surviving ids per table. Both copies must hold exactly the expected rows, the same ones.
 */
export const TABLES = [
  "crm.customer",
  "auth.account",
  "auth.login_event",
  "weblog.access_log",
  "billing.invoice",
  "billing.payment",
  "billing.payment_method",
  "privacy.legal_hold",
] as const;
export type Table = (typeof TABLES)[number];
export type TableCounts = Record<Table, number>;

/**
 * $1 activity cut-off (timestamptz), $2 fiscal cut-off day, $3 contract-end cut-off day (NULL: the gateway has no
 * contract-end rule). Retired customers (x) lose everything but their invoices and payments inside fiscal
 * retention, which each get one FISCAL hold row; activity goes by its time; billing by the invoice year.
 */
const EXPECTED_SQL = `WITH x AS (SELECT customer_number FROM crm.customer WHERE contract_end < $3::date),
  xa AS (SELECT id FROM auth.account WHERE customer_number IN (SELECT * FROM x)),
  inv AS (SELECT id, customer_number FROM billing.invoice WHERE invoice_date >= $2::date),
  pay AS (SELECT p.id, p.customer_number FROM billing.payment p WHERE p.invoice_id IN (SELECT id FROM inv)
    OR (NOT EXISTS (SELECT 1 FROM billing.invoice i WHERE i.id = p.invoice_id) AND p.paid_at >= ($2::date::timestamp AT TIME ZONE 'UTC')))
  SELECT (SELECT count(*) FROM crm.customer WHERE customer_number NOT IN (SELECT * FROM x))::int AS "crm.customer",
    (SELECT count(*) FROM auth.account WHERE id NOT IN (SELECT * FROM xa))::int AS "auth.account",
    (SELECT count(*) FROM auth.login_event WHERE occurred_at >= $1 AND account_id NOT IN (SELECT * FROM xa))::int AS "auth.login_event",
    (SELECT count(*) FROM weblog.access_log WHERE occurred_at >= $1
      AND (account_id IS NULL OR account_id NOT IN (SELECT * FROM xa)))::int AS "weblog.access_log",
    (SELECT count(*) FROM inv)::int AS "billing.invoice",
    (SELECT count(*) FROM pay)::int AS "billing.payment",
    (SELECT count(*) FROM billing.payment_method WHERE customer_number NOT IN (SELECT * FROM x))::int AS "billing.payment_method",
    ((SELECT count(*) FROM privacy.legal_hold WHERE NOT (kind = 'FISCAL' AND expires_at < $4::date))
      + (SELECT count(*) FROM inv WHERE customer_number IN (SELECT * FROM x))
      + (SELECT count(*) FROM pay WHERE customer_number IN (SELECT * FROM x)))::int AS "privacy.legal_hold"`;

/** What a run on `today` must leave in the template's copies. */
export async function expectedSurvivors(url: string, today: string, contractEnd: boolean): Promise<TableCounts> {
  const cuts = cutsOn(today);
  return one<TableCounts>(url, EXPECTED_SQL, [cuts.activity, cuts.fiscal, contractEnd ? cuts.crm : null, today]);
}

/** Rows per table and the expired customers (for the summary), before any run. */
export async function templateCounts(url: string, today: string): Promise<TableCounts & { expiredCustomers: number }> {
  const counts = TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS "${t}"`).join(", ");
  return one(url, `SELECT ${counts}, (SELECT count(*) FROM crm.customer WHERE contract_end < $1::date)::int AS "expiredCustomers"`, [cutsOn(today).crm]);
}

/** Row counts and a digest of the rows left, per table (holds by what they hold: their own ids are random). */
export async function tableState(url: string): Promise<{ counts: TableCounts; digests: Record<Table, string> }> {
  const key = (t: Table) =>
    t === "privacy.legal_hold" ? "source || record_type || record_id || kind || expires_at || customer_number || (released_at IS NULL)" : "id::text";
  const cols = TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS "n:${t}",
    (SELECT md5(coalesce(string_agg(k, ',' ORDER BY k), '')) FROM (SELECT ${key(t)} AS k FROM ${t}) s) AS "d:${t}"`);
  const row = await one<Record<string, string | number>>(url, `SELECT ${cols.join(", ")}`, []);
  const pick = <V>(prefix: string) => Object.fromEntries(TABLES.map((t) => [t, row[`${prefix}:${t}`] as V])) as Record<Table, V>;
  return { counts: pick<number>("n"), digests: pick<string>("d") };
}

/** Fails loudly unless every copy holds exactly the expected rows, and the same rows as the first copy. */
export function assertSurvivors(expected: TableCounts, states: { label: string; state: Awaited<ReturnType<typeof tableState>> }[]): void {
  const problems: string[] = [];
  for (const { label, state } of states) {
    for (const t of TABLES) {
      if (state.counts[t] !== expected[t]) problems.push(`${label}: ${t} holds ${state.counts[t]} rows, expected ${expected[t]}`);
      if (state.digests[t] !== states[0].state.digests[t]) problems.push(`${label}: ${t} holds other rows than ${states[0].label}`);
    }
  }
  if (problems.length) throw new Error(`retention: the copies do not end as expected:\n  ${problems.join("\n  ")}`);
}

async function one<R>(url: string, sql: string, params: unknown[]): Promise<R> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0] as R;
  } finally {
    await client.end();
  }
}
