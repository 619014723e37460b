import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { DAY_MS } from "../../src/common/clock";
import { DATA_CATEGORIES } from "../../src/policy/categories";
import { ROLES } from "../../src/policy/roles";
import { addDays, addMonths, utcDate } from "../../src/policy/retention";
import { sqlStats } from "../../src/db/sql-stats";

const RETENTION = `query($id: ID!) { subject(id: $id) { id retention { category rule reason keptUntil deletedOn explanation } } }`;
const REPORT = `query($id: ID!) { accessReport(subjectId: $id) { json } }`;
const RUN = `mutation { runRetention(dryRun: false) { today parts { store table deleted errorCode } } }`;
const code = (res: any) => res.body.errors?.[0]?.extensions?.code;

/**
 * `Subject.retention` states per category what the access report states (the same computation), and `deletedOn`
 * is the day the retention run really deletes: checked by running it on the gateway's clock, on `keptUntil` and
 * on `deletedOn`. Every date is derived from the pinned clock and the policy.
 */
describe(`Subject.retention (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture; // contract ended two months ago; login events, a web-log line, last year's invoice
  let bert: SubjectFixture; // contract running, no account, no invoices
  let today: string;
  let oldestLogin: { id: string; at: Date };
  let contractEnd: string;
  let invoiceYear: number;

  const officer = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  const retentionOf = async (id: string, as: { token: string; purpose?: string }) => {
    const res = await gw.graphql<any>(RETENTION, { ...as, variables: { id } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    return res.body.data.subject.retention as any[];
  };
  const reportOf = async (id: string) => {
    const res = await gw.graphql<any>(REPORT, { ...(await officer()), variables: { id } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    return res.body.data.accessReport.json;
  };
  const entry = (list: any[], category: string) => list.find((e) => e.category === category);
  /** Per category, the field against the report's categories section: the same rule, reason, date and words. */
  const assertSameAsReport = (list: any[], report: any) => {
    assert.deepEqual(list.map((e) => e.category), [...DATA_CATEGORIES], "every category of the policy, in policy order");
    assert.deepEqual(report.categories.map((c: any) => c.category), [...DATA_CATEGORIES]);
    for (const c of report.categories) {
      const e = entry(list, c.category);
      assert.deepEqual([e.rule, e.reason, e.keptUntil, e.explanation], [c.retention.rule, c.retention.reason, c.retention.until, c.retention.explanation],
        c.category);
      assert.equal(e.deletedOn, c.retention.until === null ? null : addDays(c.retention.until, 1), `${c.category}: the day after`);
    }
  };
  const runRetention = async (at: string) => {
    gw.clock.set(at);
    const res = await gw.graphql<any>(RUN, await officer());
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    assert.equal(res.body.data.runRetention.today, utcDate(at));
    assert.ok(res.body.data.runRetention.parts.every((p: any) => p.errorCode === null));
  };

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-12-05T12:00:00.000Z");
    const now = gw.clock.now();
    today = utcDate(now);
    contractEnd = addMonths(today, -2);
    invoiceYear = now.getUTCFullYear() - 1;
    anne = await createSubject(gw.dbs.stores, { invoices: 0, loginEvents: 0, accessLogs: 0, customer: { contract_end: contractEnd } });
    bert = await createSubject(gw.dbs.stores, { invoices: 0, account: false, paymentMethods: 0 });
    const { auth, weblog, billing } = gw.dbs.stores;
    const login = async (daysAgo: number) => {
      const at = new Date(now.getTime() - daysAgo * DAY_MS);
      const [row] = await auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
        VALUES ($1, $2, '192.0.2.1', true, 'Mozilla/5.0') RETURNING id`, [anne.accountId, at]);
      return { id: row.id as string, at };
    };
    oldestLogin = await login(150);
    await login(10);
    await weblog.query(`INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
      VALUES ($1, '192.0.2.17', 'GET', '/facturen/1', 200, 'Mozilla/5.0', $2)`, [new Date(now.getTime() - 100 * DAY_MS), anne.accountId]);
    const [invoice] = await billing.query(`INSERT INTO billing.invoice (invoice_number, customer_number, invoice_date, due_date, billing_name,
        billing_street, billing_postal_code, billing_city, billing_country, amount_excl_vat, vat_rate, vat_amount, amount_incl_vat, status)
      VALUES ($1, $2, $3, $3, 'Anne de Vries', 'Keizersgracht 1', '1015 CJ', 'Amsterdam', 'NL', 100.00, 21.00, 21.00, 121.00, 'PAID') RETURNING id`,
    [`${invoiceYear}-${anne.customerNumber}`, anne.customerNumber, `${invoiceYear}-03-01`]);
    await billing.query(`INSERT INTO billing.payment (invoice_id, customer_number, paid_at, amount, method, reference)
      VALUES ($1, $2, $3, 121.00, 'IDEAL', 'RF1')`, [invoice.id, anne.customerNumber, new Date(`${invoiceYear}-03-05T10:00:00Z`)]);
  });
  after(() => gw.close());

  test("the subject itself and the privacy officer read per category the access report's dates; deletedOn is the day after", async () => {
    const own = await retentionOf(anne.id, await gw.as("customer", undefined, anne.id));
    const officers = await retentionOf(anne.id, await officer());
    assert.deepEqual(own, officers, "the same for the subject and the officer");
    assertSameAsReport(officers, await reportOf(anne.id));

    // The dates are the policy's: the oldest login event + 6 months, contract end + 6 months, invoice year end + 7 years.
    const activity = entry(officers, "ACCOUNT_ACTIVITY");
    assert.deepEqual([activity.rule, activity.keptUntil], ["activity-rolling", addMonths(utcDate(oldestLogin.at), 6)]);
    assert.equal(entry(officers, "IP_ADDRESS").keptUntil, activity.keptUntil, "the oldest of login events and web-log lines");
    assert.deepEqual([entry(officers, "NAME").rule, entry(officers, "NAME").keptUntil], ["crm-after-contract", addMonths(contractEnd, 6)]);
    assert.equal(entry(officers, "CREDENTIALS").keptUntil, addMonths(contractEnd, 6));
    assert.deepEqual([entry(officers, "PAYMENT").rule, entry(officers, "PAYMENT").keptUntil], ["fiscal", `${invoiceYear + 7}-12-31`]);
    assert.equal(entry(officers, "PAYMENT").deletedOn, `${invoiceYear + 8}-01-01`);

    // Open-ended (a running contract) and nothing held: null dates, as in the report.
    const running = await retentionOf(bert.id, await officer());
    assertSameAsReport(running, await reportOf(bert.id));
    assert.deepEqual([entry(running, "NAME").keptUntil, entry(running, "NAME").deletedOn], [null, null]);
    assert.match(entry(running, "NAME").explanation, /contract is still running/);
    assert.deepEqual([entry(running, "ACCOUNT_ACTIVITY").keptUntil, entry(running, "ACCOUNT_ACTIVITY").explanation],
      [null, "No data of this category is held"]);
  });

  test("for every other role and purpose the field is null with PURPOSE_NOT_ALLOWED; a customer reaches only itself", async () => {
    for (const role of ROLES.filter((r) => r !== "customer" && r !== "privacy_officer")) {
      const as = await gw.as(role, A_PURPOSE_OF[role]);
      // Pseudonymous purposes list subjects (they cannot look one up by id).
      const res = role === "analyst"
        ? await gw.graphql<any>(`{ subjects(first: 5) { edges { node { id retention { keptUntil } } } } }`, as)
        : await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { id retention { keptUntil } } }`, { ...as, variables: { id: anne.id } });
      const nodes = role === "analyst" ? res.body.data.subjects.edges.map((e: any) => e.node) : [res.body.data.subject];
      assert.ok(nodes.length > 0, role);
      for (const n of nodes) assert.equal(n.retention, null, role);
      const refusals = (res.body.errors ?? []).filter((e: any) => e.path.at(-1) === "retention");
      assert.equal(refusals.length, nodes.length, role);
      assert.ok(refusals.every((e: any) => e.extensions.code === "PURPOSE_NOT_ALLOWED"), `${role}: ${JSON.stringify(refusals)}`);
    }
    const other = await gw.graphql<any>(RETENTION, { ...(await gw.as("customer", undefined, bert.id)), variables: { id: anne.id } });
    assert.deepEqual([other.body.data.subject, code(other)], [null, "FORBIDDEN"]);
  });

  test("the retention run keeps a record on keptUntil and deletes it on deletedOn (login events, crm record, invoice)", async () => {
    const before = await retentionOf(anne.id, await officer());
    const activity = entry(before, "ACCOUNT_ACTIVITY");
    const loginExists = async () =>
      (await gw.dbs.stores.auth.query(`SELECT count(*)::int AS n FROM auth.login_event WHERE id = $1`, [oldestLogin.id]))[0].n === 1;
    await runRetention(`${activity.keptUntil}T23:30:00.000Z`);
    assert.ok(await loginExists(), "kept on its last day");
    await runRetention(`${activity.deletedOn}T00:30:00.000Z`);
    assert.ok(!(await loginExists()), "deleted on deletedOn");
    // The field moves on to the next oldest record, still in step with the report.
    const moved = await retentionOf(anne.id, await officer());
    assertSameAsReport(moved, await reportOf(anne.id));
    assert.ok(entry(moved, "ACCOUNT_ACTIVITY").keptUntil > activity.keptUntil);

    // The crm record (contract end + 6 months): retired by the contract-end rule on deletedOn, not before.
    const name = entry(before, "NAME");
    const customerExists = async () => (await gw.dbs.stores.crm.query(`SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, [anne.id]))[0].n === 1;
    await runRetention(`${name.keptUntil}T12:00:00.000Z`);
    assert.ok(await customerExists(), "kept on its last day");
    await runRetention(`${name.deletedOn}T12:00:00.000Z`);
    assert.ok(!(await customerExists()), "retired on deletedOn");

    // The invoice (fiscal: kept under a hold after the retirement, until its own last day).
    const payment = entry(before, "PAYMENT");
    const invoices = async () =>
      (await gw.dbs.stores.billing.query(`SELECT count(*)::int AS n FROM billing.invoice WHERE customer_number = $1`, [anne.customerNumber]))[0].n;
    await runRetention(`${payment.keptUntil}T12:00:00.000Z`);
    assert.equal(await invoices(), 1, "kept on its last day");
    await runRetention(`${payment.deletedOn}T12:00:00.000Z`);
    assert.equal(await invoices(), 0, "deleted on deletedOn");
  });
});

describe(`Subject.retention costs a constant number of statements, and nothing when not selected (${engineName()})`, () => {
  let gw: TestGateway;
  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-12-05T12:00:00.000Z");
    for (let i = 0; i < 4; i++) await createSubject(gw.dbs.stores, { account: i !== 1 });
  });
  after(() => gw.close());

  const statements = async (query: string, first: number) => {
    const before = sqlStats.total;
    const res = await gw.graphql<any>(query, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { n: first } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    assert.equal(res.body.data.subjects.edges.length, first);
    return sqlStats.total - before;
  };

  test("subjects(first: 4) with retention uses as many statements as first: 2; without it, none of them", async () => {
    const withRetention = `query($n: Int!) { subjects(first: $n) { edges { node { id retention { category keptUntil } } } } }`;
    const two = await statements(withRetention, 2);
    assert.equal(await statements(withRetention, 4), two);
    assert.equal(two, 8, "crm page, invoices, payments, payment methods, accounts, login-event spans, web-log spans, audit");
    const without = `query($n: Int!) { subjects(first: $n) { edges { node { id firstName } } } }`;
    assert.equal(await statements(without, 4), 2, "crm page, audit");
  });
});
