import { Client } from "pg";
import { adminUrl, databaseName, prepareBenchDb } from "./bench-db";
import { addDays, firstKeptAnchor, ruleById } from "../src/policy/retention";

/**
 * Scenario T's data (retention): its own databases, never the load scenarios' one. A template is built once —
 * the demo data generated relative to today (so its contracts, invoices and activity are current), then
 * set-based bulk rows — and copied with CREATE DATABASE … TEMPLATE, so the gateway's copy and the raw
 * baseline's copy are identical to the block (and so is the copy the read-during-a-run part uses).
 * Bulk rows, deterministic (ids are md5 of a label and a number): `customers` clones of the demo's customers
 * whose contract ended more than 6 months ago (with account, login events, web-log lines, invoices of several
 * years — some past the 7-year fiscal retention, some inside it — payments and payment methods); then `rows`
 * expired activity rows (login events and web-log lines, half each, logged in the 18 months before the 6-month
 * cut-off less a week) and a tenth as many recent ones that must survive (a week after the cut-off up to today),
 * spread over the demo's accounts (its expired customers' too, which the contract-end rule then retires) and,
 * for web-log lines, anonymous traffic. Rows are inserted oldest first, as a log grows.
 */
export interface RetentionDataOptions {
  /** The template database (dropped and created afresh). */
  url: string;
  seed: number;
  subjects: number;
  rows: number;
  customers: number;
  /** The UTC date (YYYY-MM-DD) the data is generated for. */
  today: string;
  rotation: number;
}

/** The cut-offs the rules apply on `today` (firstKeptAnchor, as the gateway computes them). */
export function cutsOn(today: string) {
  return {
    activity: new Date(`${firstKeptAnchor(ruleById("activity-rolling"), today)}T00:00:00Z`),
    fiscal: firstKeptAnchor(ruleById("fiscal"), today),
    crm: firstKeptAnchor(ruleById("crm-after-contract"), today),
  };
}

const DAY_MS = 86_400_000;
const UA = `ARRAY['Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0', 'Mozilla/5.0 (Macintosh) Safari/605.1.15', 'curl/8.5.0']`;
const TIME = `$2::timestamptz + ($3::timestamptz - $2::timestamptz) * (i::float8 / $1)`;
const IP = `('10.' || (i >> 16) % 256 || '.' || (i >> 8) % 256 || '.' || i % 256)::inet`;
const ACCOUNTS = `(SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM auth.account WHERE customer_number NOT LIKE 'T%') acc`;

// $1 rows, evenly spread over [$2, $3), oldest first; $4 the id label.
const LOGIN_EVENTS_SQL = `INSERT INTO auth.login_event (id, account_id, occurred_at, ip, success, user_agent)
  SELECT md5($4 || i)::uuid, acc.ids[1 + (i::bigint * 7919) % acc.n], ${TIME}, ${IP}, i % 10 <> 0, (${UA})[1 + i % 3]
  FROM generate_series(0, $1 - 1) i, ${ACCOUNTS} ORDER BY i`;
const ACCESS_LOG_SQL = `INSERT INTO weblog.access_log (id, occurred_at, ip, method, path, status, user_agent, account_id)
  SELECT md5($4 || i)::uuid, ${TIME}, ${IP}, CASE WHEN i % 5 = 4 THEN 'POST' ELSE 'GET' END,
    (ARRAY['/', '/mijn-account', '/facturen', '/domeinen', '/mijn-account/gegevens'])[1 + i % 5],
    (ARRAY[200, 200, 304, 200, 302])[1 + i % 5], (${UA})[1 + i % 3],
    CASE WHEN i % 3 = 0 THEN NULL ELSE acc.ids[1 + (i::bigint * 7919) % acc.n] END
  FROM generate_series(0, $1 - 1) i, ${ACCOUNTS} ORDER BY i`;

// Clone i of the expired demo customers (those with an account and invoices), in turn; $1 clones, $2 ended before.
const CLONE_SQL = [
  `CREATE TEMP TABLE t_clone AS SELECT i, s.id AS src, s.customer_number AS src_cn, md5('bench-t-c-' || i)::uuid AS id,
     md5('bench-t-a-' || i)::uuid AS account_id, 'T' || lpad(i::text, 6, '0') AS cn
   FROM generate_series(1, $1::int) i JOIN (
     SELECT row_number() OVER (ORDER BY c.customer_number) - 1 AS k, count(*) OVER () AS n, c.id, c.customer_number
     FROM crm.customer c WHERE c.contract_end < $2::date
       AND EXISTS (SELECT 1 FROM auth.account a WHERE a.customer_number = c.customer_number)
       AND EXISTS (SELECT 1 FROM billing.invoice v WHERE v.customer_number = c.customer_number)) s ON s.k = i % s.n`,
  `INSERT INTO crm.customer (id, customer_number, first_name, last_name, street, house_number, postal_code, city, country,
     gender, phone, email, notes, contract_start, contract_end, created_at, updated_at)
   SELECT t.id, t.cn, c.first_name, c.last_name, c.street, c.house_number, c.postal_code, c.city, c.country, c.gender,
     c.phone, 't' || t.i || '.' || c.email, c.notes, c.contract_start, c.contract_end, c.created_at, c.updated_at
   FROM t_clone t JOIN crm.customer c ON c.id = t.src ORDER BY t.i`,
  `INSERT INTO auth.account (id, customer_number, username, password_hash, mfa_enabled, created_at, last_login_at)
   SELECT t.account_id, t.cn, a.username || '.t' || t.i, a.password_hash, a.mfa_enabled, a.created_at, a.last_login_at
   FROM t_clone t JOIN auth.account a ON a.customer_number = t.src_cn ORDER BY t.i`,
  `INSERT INTO auth.login_event (id, account_id, occurred_at, ip, success, user_agent)
   SELECT md5('bench-t-ce-' || t.i || e.id)::uuid, t.account_id, e.occurred_at, e.ip, e.success, e.user_agent
   FROM t_clone t JOIN auth.account a ON a.customer_number = t.src_cn JOIN auth.login_event e ON e.account_id = a.id
   ORDER BY e.occurred_at`,
  `INSERT INTO weblog.access_log (id, occurred_at, ip, method, path, status, user_agent, account_id)
   SELECT md5('bench-t-cl-' || t.i || l.id)::uuid, l.occurred_at, l.ip, l.method, l.path, l.status, l.user_agent, t.account_id
   FROM t_clone t JOIN auth.account a ON a.customer_number = t.src_cn JOIN weblog.access_log l ON l.account_id = a.id
   ORDER BY l.occurred_at`,
  `INSERT INTO billing.invoice (id, invoice_number, customer_number, invoice_date, due_date, billing_name, billing_street,
     billing_postal_code, billing_city, billing_country, amount_excl_vat, vat_rate, vat_amount, amount_incl_vat, currency, status)
   SELECT md5('bench-t-i-' || t.i || v.id)::uuid, 'T' || t.i || '-' || v.invoice_number, t.cn, v.invoice_date, v.due_date,
     v.billing_name, v.billing_street, v.billing_postal_code, v.billing_city, v.billing_country, v.amount_excl_vat,
     v.vat_rate, v.vat_amount, v.amount_incl_vat, v.currency, v.status
   FROM t_clone t JOIN billing.invoice v ON v.customer_number = t.src_cn ORDER BY v.invoice_date`,
  `INSERT INTO billing.payment (id, invoice_id, customer_number, paid_at, amount, method, reference)
   SELECT md5('bench-t-p-' || t.i || p.id)::uuid, md5('bench-t-i-' || t.i || p.invoice_id)::uuid, t.cn, p.paid_at,
     p.amount, p.method, p.reference
   FROM t_clone t JOIN billing.payment p ON p.customer_number = t.src_cn ORDER BY p.paid_at`,
  `INSERT INTO billing.payment_method (id, customer_number, kind, iban, card_token, card_last4, card_brand, holder_name, active, created_at)
   SELECT md5('bench-t-m-' || t.i || m.id)::uuid, t.cn, m.kind, m.iban, m.card_token, m.card_last4, m.card_brand,
     m.holder_name, m.active, m.created_at
   FROM t_clone t JOIN billing.payment_method m ON m.customer_number = t.src_cn ORDER BY t.i`,
];

/** Builds the template; returns scenario A's subjects in it (active contracts with an account: they survive). */
export async function buildRetentionTemplate(o: RetentionDataOptions, log: (m: string) => void): Promise<string[]> {
  const now = new Date(`${o.today}T00:00:00Z`);
  const t0 = performance.now();
  await prepareBenchDb({ url: o.url, seed: o.seed, subjects: o.subjects, now, rotation: o.rotation });
  const cuts = cutsOn(o.today);
  const client = new Client({ connectionString: o.url });
  await client.connect();
  try {
    const expired = [cuts.activity.getTime() - 547 * DAY_MS, cuts.activity.getTime() - 7 * DAY_MS].map((ms) => new Date(ms));
    const kept = [new Date(cuts.activity.getTime() + 7 * DAY_MS), new Date(now.getTime() - 3_600_000)];
    // Clones first (they copy their original's activity), then the bulk rows on the demo's accounts.
    // A day of margin on the contract end: the run may start after midnight.
    for (const [i, sql] of CLONE_SQL.entries()) await client.query(sql, i === 0 ? [o.customers, addDays(cuts.crm, -1)] : []);
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM t_clone");
    if (rows[0].n !== o.customers) throw new Error(`retention data: ${rows[0].n} of ${o.customers} expired customers cloned`);
    const half = Math.floor(o.rows / 2);
    await client.query(LOGIN_EVENTS_SQL, [half, ...expired, "bench-t-le-x-"]);
    await client.query(ACCESS_LOG_SQL, [o.rows - half, ...expired, "bench-t-al-x-"]);
    await client.query(LOGIN_EVENTS_SQL, [Math.floor(half / 10), ...kept, "bench-t-le-k-"]);
    await client.query(ACCESS_LOG_SQL, [Math.floor((o.rows - half) / 10), ...kept, "bench-t-al-k-"]);
    await client.query("VACUUM ANALYZE");
    await client.query("CHECKPOINT").catch(() => undefined);
    const subjects = await client.query<{ id: string }>(
      `SELECT c.id FROM crm.customer c WHERE c.contract_end IS NULL
         AND EXISTS (SELECT 1 FROM auth.account a WHERE a.customer_number = c.customer_number) ORDER BY c.customer_number`,
    );
    const step = Math.max(1, Math.floor(subjects.rows.length / o.rotation));
    log(`retention: template ${databaseName(o.url)} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return subjects.rows.filter((_, i) => i % step === 0).slice(0, o.rotation).map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** `url`'s database dropped and created afresh as a block copy of `template` (nobody may be connected to it). */
export async function copyDatabase(template: string, url: string): Promise<void> {
  const name = databaseName(url);
  if (!/bench/i.test(name) || !/bench/i.test(template)) throw new Error(`retention: databases must be named for the bench: ${name}`);
  const client = new Client({ connectionString: adminUrl(url), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the same server as `url`. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
