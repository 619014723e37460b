import { randomUUID } from "node:crypto";
import type { DataSources } from "../../src/db/data-sources";

/**
 * Test data from factories: each call writes one realistic subject into every source, with values the test
 * can assert on. Overrides replace any column; `with*` counts control how many child rows are written.
 */
let counter = 0;

export interface SubjectFixture {
  id: string;
  customerNumber: string;
  firstName: string;
  lastName: string;
  houseNumber: string;
  email: string;
  accountId: string | null;
  invoiceIds: string[];
}

export interface SubjectFactoryOptions {
  customer?: Partial<Record<string, unknown>>;
  account?: boolean;
  invoices?: number;
  loginEvents?: number;
  accessLogs?: number;
  paymentMethods?: number;
}

export async function createSubject(ds: DataSources, opts: SubjectFactoryOptions = {}): Promise<SubjectFixture> {
  counter++;
  const n = String(900000 + counter);
  const c = {
    id: randomUUID(),
    customer_number: `T${n}`,
    first_name: `Anne${counter}`,
    last_name: "de Vries",
    street: "Keizersgracht",
    house_number: `${counter}A`,
    postal_code: "1015 CJ",
    city: "Amsterdam",
    country: "NL",
    gender: "F",
    phone: `+31612${n.slice(-6)}`,
    email: `anne${counter}@example.nl`,
    notes: "Belt liever na 17:00",
    contract_start: "2016-02-01",
    contract_end: null,
    ...opts.customer,
  };
  const cols = Object.keys(c);
  await ds.crm.query(
    `INSERT INTO crm.customer (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
    Object.values(c),
  );

  const invoiceIds: string[] = [];
  for (let i = 0; i < (opts.invoices ?? 3); i++) {
    const year = 2017 + i;
    const [inv] = await ds.billing.query<{ id: string }[]>(
      `INSERT INTO billing.invoice (invoice_number, customer_number, invoice_date, due_date, billing_name,
        billing_street, billing_postal_code, billing_city, billing_country, amount_excl_vat, vat_rate, vat_amount,
        amount_incl_vat, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'NL', 100.00, 21.00, 21.00, 121.00, 'PAID') RETURNING id`,
      [`${year}-${n}`, c.customer_number, `${year}-03-01`, `${year}-03-15`, `${c.first_name} ${c.last_name}`,
        `${c.street} ${c.house_number}`, c.postal_code, c.city],
    );
    invoiceIds.push(inv.id);
    await ds.billing.query(
      `INSERT INTO billing.payment (invoice_id, customer_number, paid_at, amount, method, reference)
       VALUES ($1, $2, $3, 121.00, 'IDEAL', $4)`,
      [inv.id, c.customer_number, `${year}-03-05T10:00:00Z`, `RF${n}${i}`],
    );
  }
  for (let i = 0; i < (opts.paymentMethods ?? 1); i++) {
    await ds.billing.query(
      `INSERT INTO billing.payment_method (customer_number, kind, iban, holder_name, created_at)
       VALUES ($1, 'IBAN', 'NL91ABNA0417164300', $2, '2016-02-01T09:00:00Z')`,
      [c.customer_number, `${c.first_name} ${c.last_name}`],
    );
  }

  let accountId: string | null = null;
  if (opts.account ?? true) {
    const [acc] = await ds.auth.query<{ id: string }[]>(
      `INSERT INTO auth.account (customer_number, username, password_hash, mfa_enabled, created_at, last_login_at)
       VALUES ($1, $2, '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA', true, '2016-02-01T09:00:00Z', now()) RETURNING id`,
      [c.customer_number, `anne${counter}`],
    );
    accountId = acc.id;
    for (let i = 0; i < (opts.loginEvents ?? 3); i++) {
      await ds.auth.query(
        `INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
         VALUES ($1, now() - ($2 || ' hours')::interval, $3, true, 'Mozilla/5.0')`,
        [accountId, String(i + 1), i % 2 ? "2001:db8:85a3::8a2e:370:7334" : "192.0.2.17"],
      );
    }
    for (let i = 0; i < (opts.accessLogs ?? 5); i++) {
      await ds.weblog.query(
        `INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
         VALUES (now() - ($1 || ' hours')::interval, '192.0.2.17', 'GET', $2, 200, 'Mozilla/5.0', $3)`,
        [String(i + 1), `/facturen/${i}`, accountId],
      );
    }
  }
  return {
    id: c.id,
    customerNumber: c.customer_number,
    firstName: c.first_name,
    lastName: c.last_name,
    houseNumber: c.house_number,
    email: c.email,
    accountId,
    invoiceIds,
  };
}
