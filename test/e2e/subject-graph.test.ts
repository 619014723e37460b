import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

const FULL_PROFILE = `
  id customerNumber firstName lastName gender phone email notes contractStart contractEnd
  address { street houseNumber postalCode city country }
  account { id username mfaEnabled createdAt lastLoginAt }
  loginEvents(first: 10) { id accountId occurredAt ip success userAgent }
  invoices { id invoiceNumber invoiceDate dueDate billingName amountExclVat vatAmount amountInclVat currency status }
  payments { id invoiceId paidAt amount method reference }
  paymentMethods { id kind iban cardLast4 holderName active }
  ipLog(first: 2) { edges { cursor node { id occurredAt ip method path status } } pageInfo { hasNextPage endCursor } }`;

describe(`federated Subject graph (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores, { invoices: 3, loginEvents: 4, accessLogs: 5 });
    bert = await createSubject(gw.dbs.stores, { account: false, invoices: 1, customer: { gender: null } });
  });
  after(() => gw.close());

  test("the privacy officer (DATA_SUBJECT_RIGHTS) reads one subject from all four sources", async () => {
    const res = await gw.graphql<{ subject: Record<string, any> }>(
      `query($id: ID!) { subject(id: $id) { ${FULL_PROFILE} } }`,
      { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: anne.id } },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.errors, undefined);
    const s = res.body.data!.subject;
    assert.equal(s.id, anne.id);
    assert.equal(s.firstName, anne.firstName);
    assert.equal(s.gender, "FEMALE");
    assert.deepEqual(s.address, { street: "Keizersgracht", houseNumber: anne.houseNumber, postalCode: "1015 CJ", city: "Amsterdam", country: "NL" });
    assert.equal(s.contractStart, "2016-02-01");
    assert.equal(s.contractEnd, null);
    assert.equal(s.account.id, anne.accountId);
    assert.equal(s.account.mfaEnabled, true);
    // compare with the rows in each source
    const invoiceRows = await gw.dbs.stores.billing.query(
      "SELECT invoice_number FROM billing.invoice WHERE customer_number = $1 ORDER BY invoice_date DESC", [anne.customerNumber]);
    assert.deepEqual(s.invoices.map((i: any) => i.invoiceNumber), invoiceRows.map((r: any) => r.invoice_number));
    assert.equal(s.invoices[0].amountInclVat, "121.00");
    assert.equal(s.invoices[0].invoiceDate, "2019-03-01");
    assert.equal(s.payments.length, 3);
    assert.ok(s.payments.every((p: any) => anne.invoiceIds.includes(p.invoiceId)));
    assert.deepEqual(s.paymentMethods.map((m: any) => m.iban), ["NL91ABNA0417164300"]);
    assert.equal(s.loginEvents.length, 4);
    assert.deepEqual(new Set(s.loginEvents.map((e: any) => e.ip)), new Set(["192.0.2.17", "2001:db8:85a3::8a2e:370:7334"]));
    assert.equal(s.ipLog.edges.length, 2);
    assert.equal(s.ipLog.pageInfo.hasNextPage, true);
    assert.equal(s.ipLog.edges[0].node.path, "/facturen/0", "newest first");
  });

  test("ipLog pages with a cursor and a time range", async () => {
    const { token, purpose } = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const q = `query($id: ID!, $after: String, $from: DateTimeISO) { subject(id: $id) {
      ipLog(first: 2, after: $after, from: $from) { edges { node { path } } pageInfo { hasNextPage endCursor } } } }`;
    const paths: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await gw.graphql(q, { token, purpose, variables: { id: anne.id, after } });
      const log = res.body.data.subject.ipLog;
      paths.push(...log.edges.map((e: any) => e.node.path));
      if (!log.pageInfo.hasNextPage) break;
      after = log.pageInfo.endCursor;
    }
    assert.deepEqual(paths, ["/facturen/0", "/facturen/1", "/facturen/2", "/facturen/3", "/facturen/4"]);
    const recent: any = await gw.graphql(q, {
      token, purpose, variables: { id: anne.id, from: new Date(Date.now() - 2.5 * 3600_000).toISOString() } });
    assert.deepEqual(recent.body.data.subject.ipLog.edges.map((e: any) => e.node.path), ["/facturen/0", "/facturen/1"]);
  });

  test("a subject without an account has no account, login events or log", async () => {
    const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { gender account { id } loginEvents { id } ipLog { edges { cursor } } } }`,
      { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: bert.id } });
    assert.equal(res.body.errors, undefined);
    assert.deepEqual(res.body.data.subject, { gender: null, account: null, loginEvents: [], ipLog: { edges: [] } });
  });

  test("subjects() pages through subjects in id order", async () => {
    const [first, second] = [anne.id, bert.id].sort();
    const { token, purpose } = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const page1 = await gw.graphql<any>(`{ subjects(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { token, purpose });
    assert.deepEqual(page1.body.data.subjects.edges.map((e: any) => e.node.id), [first]);
    assert.equal(page1.body.data.subjects.pageInfo.hasNextPage, true);
    const page2 = await gw.graphql<any>(`query($a: String) { subjects(first: 5, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { token, purpose, variables: { a: page1.body.data.subjects.pageInfo.endCursor } });
    assert.deepEqual(page2.body.data.subjects.edges.map((e: any) => e.node.id), [second]);
    assert.equal(page2.body.data.subjects.pageInfo.hasNextPage, false);
  });

  test("bad arguments are BAD_USER_INPUT without echoing the input", async () => {
    const { token, purpose } = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const tooMany = await gw.graphql(`{ subjects(first: 101) { edges { cursor } } }`, { token, purpose });
    assert.equal(tooMany.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    const badCursor = await gw.graphql(`{ subjects(first: 1, after: "not-a-cursor!") { edges { cursor } } }`, { token, purpose });
    assert.equal(badCursor.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    const badId = await gw.graphql(`query($id: ID!) { subject(id: $id) { id } }`, { token, purpose, variables: { id: "Jan Jansen" } });
    assert.equal(badId.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    const badVar = await gw.graphql(`query($n: Int!) { subjects(first: $n) { edges { cursor } } }`, { token, purpose, variables: { n: "jan@example.nl" } });
    assert.equal(badVar.status, 400);
    assert.equal(badVar.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    assert.doesNotMatch(JSON.stringify(badVar.body), /jan@example\.nl/);
    // A log cursor built by hand whose id is 36 hex digits and dashes but no UUID: refused, not sent to weblog.
    const forged = Buffer.from(`log:${new Date().toISOString()}|${"a".repeat(32)}----`).toString("base64url");
    const badLogCursor = await gw.graphql<any>(`query($id: ID!, $a: String) { subject(id: $id) { ipLog(first: 1, after: $a) { edges { cursor } } } }`,
      { token, purpose, variables: { id: anne.id, a: forged } });
    assert.equal(badLogCursor.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    const missing = await gw.graphql(`{ subject(id: "00000000-0000-4000-8000-000000000000") { id } }`, { token, purpose });
    assert.equal(missing.body.errors?.[0].extensions?.code, "NOT_FOUND");
  });

  test("queries nested deeper than the limit are refused before execution", async () => {
    const deep = `{ subjects { edges { node { ipLog { edges { node { id } } pageInfo { hasNextPage } } } } } }`;
    const ok = await gw.graphql(deep, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")) });
    assert.equal(ok.body.errors, undefined);
    const tooDeep = await TestGateway.start({ MAX_QUERY_DEPTH: "5" });
    try {
      const res = await tooDeep.graphql(deep, { ...(await tooDeep.as("privacy_officer", "DATA_SUBJECT_RIGHTS")) });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors?.[0].extensions?.code, "QUERY_TOO_DEEP");
    } finally {
      await tooDeep.close();
    }
  });

  test("password hashes and card tokens are not part of the schema", async () => {
    const res = await gw.graphql<any>(`{ __schema { types { name fields { name } } } }`, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")) });
    const names = res.body.data.__schema.types.flatMap((t: any) => (t.fields ?? []).map((f: any) => `${t.name}.${f.name}`));
    assert.ok(names.includes("Account.username"));
    // (the audit trail's own chain hashes are not secrets)
    const secretLike = names.filter((n: string) => /password|hash|token|secret/i.test(n) && !/^Audit/.test(n));
    assert.deepEqual(secretLike, []);
  });
});
