import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { engineName } from "../support/test-databases";
import { sqlStats } from "../../src/db/sql-stats";
import { seedDemoData } from "../../src/seed/demo-data.seeder";

const EVERYTHING = `id customerNumber firstName lastName gender phone email notes contractStart contractEnd
  address { street houseNumber postalCode city country }
  account { id username mfaEnabled createdAt lastLoginAt }
  loginEvents(first: 5) { id occurredAt ip success userAgent }
  invoices { id invoiceNumber invoiceDate amountInclVat status }
  payments { id invoiceId paidAt amount method }
  paymentMethods { id kind iban cardLast4 holderName }
  ipLog(first: 5) { edges { cursor node { id occurredAt ip path status } } pageInfo { hasNextPage endCursor } }`;

describe(`no N+1: statements per request do not grow with the page size (${engineName()})`, () => {
  let gw: TestGateway;
  before(async () => {
    gw = await TestGateway.start();
    await seedDemoData(gw.dbs.stores, { seed: 7, subjects: 120, now: new Date("2026-11-01T12:00:00Z") });
  });
  after(() => gw.close());

  const statementsFor = async (first: number) => {
    const { token, purpose } = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const before = sqlStats.total;
    const res = await gw.graphql<any>(`query($n: Int!) { subjects(first: $n) { edges { node { ${EVERYTHING} } } } }`, {
      token, purpose, variables: { n: first },
    });
    const used = sqlStats.total - before;
    assert.equal(res.body.errors, undefined);
    assert.equal(res.body.data.subjects.edges.length, first);
    return { used, nodes: res.body.data.subjects.edges.map((e: any) => e.node) };
  };

  test("subjects(first: 100) with every source uses as many statements as first: 10", async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    assert.equal(hundred.used, ten.used);
    assert.equal(ten.used, 8, "crm page, invoices, payments, payment methods, accounts, login events, web log, audit");
    // and the data is really there: every subject with an account has its login events
    const withAccount = hundred.nodes.filter((n: any) => n.account);
    assert.ok(withAccount.length > 50);
    assert.ok(hundred.nodes.some((n: any) => n.invoices.length > 0 && n.ipLog.edges.length > 0));
  });

  test("two page sizes of the same list in one request: one statement each, each subject gets its own pages", async () => {
    const shape = `a: loginEvents(first: 2) { id } b: loginEvents(first: 4) { id }
      x: ipLog(first: 1) { edges { node { id } } } y: ipLog(first: 3) { edges { node { id } } }`;
    const { token, purpose } = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const before = sqlStats.total;
    const res = await gw.graphql<any>(`{ subjects(first: 30) { edges { node { id account { id } ${shape} } } } }`, { token, purpose });
    assert.equal(res.body.errors, undefined);
    // crm page, accounts, login events ×2 windows, web log ×2 windows, audit
    assert.equal(sqlStats.total - before, 7);
    const nodes = res.body.data.subjects.edges.map((e: any) => e.node).filter((n: any) => n.account);
    assert.ok(nodes.length > 10);
    for (const n of nodes) {
      const events = await gw.dbs.stores.auth.query(
        `SELECT id FROM auth.login_event WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 4`, [n.account.id]);
      assert.deepEqual(n.b.map((e: any) => e.id), events.map((e: any) => e.id), "the 4-window is this subject's own newest four");
      assert.deepEqual(n.a.map((e: any) => e.id), events.slice(0, 2).map((e: any) => e.id));
      assert.equal(n.x.edges.length, Math.min(1, n.y.edges.length));
      if (n.x.edges.length) assert.equal(n.x.edges[0].node.id, n.y.edges[0].node.id);
    }
  });

  test("a single subject uses the same eight statements", async () => {
    const [row] = await gw.dbs.stores.crm.query(`SELECT id FROM crm.customer ORDER BY customer_number LIMIT 1`);
    const before = sqlStats.total;
    const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { ${EVERYTHING} } }`, {
      ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: row.id },
    });
    assert.equal(res.body.errors, undefined);
    assert.equal(sqlStats.total - before, 8);
  });
});

describe(`denied categories cost their sources nothing (${engineName()})`, () => {
  let gw: TestGateway;
  before(async () => {
    gw = await TestGateway.start();
    await seedDemoData(gw.dbs.stores, { seed: 8, subjects: 20, now: new Date("2026-11-01T12:00:00Z") });
  });
  after(() => gw.close());

  const readsBySource = async (role: "analyst" | "finance", purpose: string) => {
    const before = { ...sqlStats.byStore };
    const res = await gw.graphql<any>(`{ subjects(first: 20) { edges { node { ${EVERYTHING} } } } }`, { ...(await gw.as(role, purpose)) });
    assert.equal(res.body.data.subjects.edges.length, 20);
    assert.ok(res.body.errors!.every((e) => e.extensions?.code === "PURPOSE_NOT_ALLOWED"));
    return Object.fromEntries(["crm", "billing", "auth", "weblog"].map((s) => [s, (sqlStats.byStore[s] ?? 0) - (before[s] ?? 0)]));
  };

  test("ANALYTICS (no payment data): billing is never asked", async () => {
    assert.deepEqual(await readsBySource("analyst", "ANALYTICS"), { crm: 1, billing: 0, auth: 2, weblog: 1 });
  });

  test("LEGAL_TAX (no credentials, activity or IP addresses): auth and weblog are never asked", async () => {
    assert.deepEqual(await readsBySource("finance", "LEGAL_TAX"), { crm: 1, billing: 3, auth: 0, weblog: 0 });
  });
});
