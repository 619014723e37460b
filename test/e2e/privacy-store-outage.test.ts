import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { TcpProxy } from "../support/tcp-proxy";

const serverUrl = process.env.DATABASE_URL;

/**
 * The gateway's own store (rights requests, choices, holds, jobs, the audit trail) goes down — its TCP
 * connection cut by a proxy — while the sources stay up. Every operation that needs it answers with a precise
 * code naming it, nothing is changed in any source, and all works again once it is back. PostgreSQL only: on
 * the embedded engine all stores are one process.
 */
describe(`the privacy store unreachable (${engineName()})`, { skip: !serverUrl && "needs PostgreSQL (DATABASE_URL)" }, () => {
  let proxy: TcpProxy;
  let gw: TestGateway;
  let anne: SubjectFixture;

  before(async () => {
    const u = new URL(serverUrl!);
    proxy = await TcpProxy.start({ host: u.hostname, port: Number(u.port || 5432) });
    gw = await TestGateway.start({ DATABASE_URL: proxy.urlFor(serverUrl!) });
    anne = await createSubject(gw.dbs.stores, { accessLogs: 3, invoices: 2 });
  });
  after(async () => {
    await gw?.close();
    await proxy.close();
  });

  /** What anne has in each source, read directly. */
  const holdings = async () => ({
    crm: await gw.dbs.stores.crm.query(`SELECT city, updated_at FROM crm.customer WHERE id = $1`, [anne.id]),
    auth: await gw.dbs.stores.auth.query(`SELECT count(*)::int AS n FROM auth.account WHERE customer_number = $1`, [anne.customerNumber]),
    weblog: await gw.dbs.stores.weblog.query(`SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [anne.accountId]),
    billing: await gw.dbs.stores.billing.query(`SELECT count(*)::int AS n FROM billing.invoice WHERE customer_number = $1`, [anne.customerNumber]),
  });

  test("each operation answers SOURCE_UNAVAILABLE (privacy) or AUDIT_UNAVAILABLE, no source changes, all works once it is back", async () => {
    const customer = await gw.as("customer", undefined, anne.id);
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const before = await holdings();
    proxy.cut();
    const call = async (query: string, who: object) => {
      const res = await gw.graphql<any>(query, { ...who, variables: { id: anne.id } });
      return [res.status, res.body.errors?.[0]?.extensions?.code, res.body.errors?.[0]?.extensions?.source ?? null];
    };
    const privacyDown = [200, "SOURCE_UNAVAILABLE", "privacy"];
    assert.deepEqual(await call(`mutation($id: ID!) { withdrawConsent(subjectId: $id, purpose: CONTACT) { subjectId } }`, customer), privacyDown);
    assert.deepEqual(await call(`mutation($id: ID!) { eraseSubject(subjectId: $id) { status } }`, customer), privacyDown);
    assert.deepEqual(await call(`query($id: ID!) { accessReport(subjectId: $id) { subjectId } }`, customer), privacyDown);
    assert.deepEqual(await call(`mutation($id: ID!) { submitPrivacyRequest(input: { subjectId: $id, type: ERASE, channel: EMAIL }) { id } }`, officer), privacyDown);
    assert.deepEqual(await call(`query($id: ID!) { privacyRequests(subjectId: $id) { edges { cursor } } }`, officer), privacyDown);
    // A subject's own token needs the privacy store first: to know its subject was not erased under a hold.
    assert.deepEqual(await call(`mutation($id: ID!) { rectifySubject(subjectId: $id, input: { city: "Delft" }) { subjectId } }`, customer), privacyDown);
    assert.deepEqual(await call(`mutation($id: ID!) { rectifySubject(subjectId: $id, input: { city: "Delft" }) { subjectId } }`, officer),
      [503, "AUDIT_UNAVAILABLE", null], "no change without its audit entry first");
    // A staff read needs the subject's choices (kept there) before any field can be judged: nothing leaves.
    const read = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName } }`, { ...(await gw.as("support", "CONTACT")), variables: { id: anne.id } });
    assert.deepEqual([read.body.data?.subject ?? null, read.body.errors?.[0]?.extensions?.code, read.body.errors?.[0]?.extensions?.source], [null, "SOURCE_UNAVAILABLE", "privacy"]);
    assert.doesNotMatch(JSON.stringify(read.body), new RegExp(anne.firstName));
    const ready = await fetch(`${gw.url}/readyz`);
    assert.deepEqual([ready.status, ((await ready.json()) as { unreachable: string[] }).unreachable], [503, ["privacy"]]);
    assert.deepEqual(await holdings(), before, "nothing erased or corrected in any source");

    proxy.restore();
    const retry = await gw.graphql<any>(`mutation($id: ID!) { withdrawConsent(subjectId: $id, purpose: CONTACT) { consents { purpose status } } }`,
      { ...customer, variables: { id: anne.id } });
    assert.equal(retry.body.errors, undefined);
    const requests = await gw.dbs.stores.privacy.query(`SELECT type, status FROM privacy.rights_request WHERE subject_id = $1`, [anne.id]);
    assert.deepEqual(requests, [{ type: "WITHDRAW_CONSENT", status: "COMPLETED" }], "only the retry left a request");
  });
});
