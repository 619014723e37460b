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
    await seedDemoData(gw.dbs.sources, { seed: 7, subjects: 120, now: new Date("2026-11-01T12:00:00Z") });
  });
  after(() => gw.close());

  const statementsFor = async (first: number) => {
    const token = await gw.token("support");
    const before = sqlStats.total;
    const res = await gw.graphql<any>(`query($n: Int!) { subjects(first: $n) { edges { node { ${EVERYTHING} } } } }`, {
      token, variables: { n: first },
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
    assert.equal(ten.used, 7, "crm page, invoices, payments, payment methods, accounts, login events, web log");
    // and the data is really there: every subject with an account has its login events
    const withAccount = hundred.nodes.filter((n: any) => n.account);
    assert.ok(withAccount.length > 50);
    assert.ok(hundred.nodes.some((n: any) => n.invoices.length > 0 && n.ipLog.edges.length > 0));
  });

  test("a single subject uses the same seven statements", async () => {
    const [row] = await gw.dbs.sources.crm.query(`SELECT id FROM crm.customer ORDER BY customer_number LIMIT 1`);
    const before = sqlStats.total;
    const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { ${EVERYTHING} } }`, {
      token: await gw.token("support"), variables: { id: row.id },
    });
    assert.equal(res.body.errors, undefined);
    assert.equal(sqlStats.total - before, 7);
  });
});
