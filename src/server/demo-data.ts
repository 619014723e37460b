import type { AppConfig } from "../config/config";
import type { Databases } from "../db/data-sources";
import { seedDemoData } from "../seed/demo-data.seeder";

/** How many customers (in id order) the banner looks through for an example with data in every source. */
const EXAMPLE_CANDIDATES = 200;

/**
 * Demo data for a newcomer's `npm start`: seeded once, and only into the embedded engine — never into a
 * configured PostgreSQL, which could be a real customer database (use `npm run seed` there on purpose).
 */
export async function prepareDemoData(config: AppConfig, dbs: Databases): Promise<{ exampleSubjectId: string | null }> {
  const allEmbedded = Object.values(config.databaseUrls).every((u) => !u);
  if (allEmbedded && config.seed.onStart) {
    await seedDemoData(dbs.stores, { seed: config.seed.seed, subjects: config.seed.subjects });
  }
  return { exampleSubjectId: await exampleSubject(dbs).catch(() => null) };
}

/**
 * A customer whose first query shows something from every source: a CRM record, a login account, an
 * invoice and web-log lines. One query per store, since each store may live in a different database.
 */
export async function exampleSubject(dbs: Databases): Promise<string | null> {
  const { crm, auth, billing, weblog } = dbs.stores;
  const customers: { id: string; number: string }[] = await crm.query(
    `SELECT id, customer_number AS number FROM crm.customer ORDER BY id LIMIT $1`,
    [EXAMPLE_CANDIDATES],
  );
  if (customers.length === 0) return null;
  const numbers = customers.map((c) => c.number);
  const invoiced = new Set<string>(
    (await billing.query(`SELECT DISTINCT customer_number AS n FROM billing.invoice WHERE customer_number = ANY($1)`, [numbers]))
      .map((r: { n: string }) => r.n),
  );
  const accounts: { id: string; number: string }[] = await auth.query(
    `SELECT id, customer_number AS number FROM auth.account WHERE customer_number = ANY($1)`,
    [numbers],
  );
  const logged = new Set<string>(
    (await weblog.query(`SELECT DISTINCT account_id::text AS id FROM weblog.access_log WHERE account_id = ANY($1::uuid[])`,
      [accounts.map((a) => a.id)])).map((r: { id: string }) => r.id),
  );
  const withLog = new Set(accounts.filter((a) => logged.has(a.id)).map((a) => a.number));
  const full = customers.find((c) => invoiced.has(c.number) && withLog.has(c.number));
  return (full ?? customers[0]).id;
}
