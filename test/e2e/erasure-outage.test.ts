import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { TcpProxy } from "../support/tcp-proxy";

const REQUEST = `query($id: ID!) { privacyRequest(id: $id) { status tasks { source status attempts lastErrorCode } } }`;
const serverUrl = process.env.WEBLOG_DATABASE_URL ?? process.env.DATABASE_URL;

/**
 * The weblog source goes down mid-erasure (its TCP connection cut by a proxy), the gateway restarts while it is
 * down, and the erasure completes once the source is back — on a real PostgreSQL server, where stores are
 * separate databases. (On the embedded engine all stores share one process; erasure-api.test.ts covers retries there.)
 */
describe(`erasure survives a source outage and a gateway restart (${engineName()})`, { skip: !serverUrl && "needs PostgreSQL (DATABASE_URL)" }, () => {
  let proxy: TcpProxy;
  let gw: TestGateway | undefined;
  let anne: SubjectFixture;
  const overrides = () => ({
    WEBLOG_DATABASE_URL: proxy.urlFor(serverUrl!),
    ERASURE_JOB_DELAY_SECONDS: "1",
    ERASURE_RETRY_DELAY_SECONDS: "1",
    JOB_POLL_SECONDS: "0.5",
  });

  before(async () => {
    const u = new URL(serverUrl!);
    proxy = await TcpProxy.start({ host: u.hostname, port: Number(u.port || 5432) });
    gw = await TestGateway.start(overrides());
    anne = await createSubject(gw.dbs.sources, { accessLogs: 6 });
  });
  after(async () => {
    await gw?.close();
    await proxy.close();
  });

  test("IN_PROGRESS while weblog is unreachable, across a restart; COMPLETED with every store right once it is back", async () => {
    proxy.cut();
    const res = await gw!.graphql<any>(`mutation($id: ID!) { eraseSubject(subjectId: $id) { requestId status sources { source status errorCode } } }`,
      { ...(await gw!.as("customer", undefined, anne.id)), variables: { id: anne.id } });
    const out = res.body.data.eraseSubject;
    assert.equal(out.status, "IN_PROGRESS");
    assert.deepEqual(out.sources.filter((s: any) => s.status !== "DONE").map((s: any) => [s.source, s.errorCode]), [["WEBLOG", "SOURCE_UNAVAILABLE"]]);

    // restart while the source is still down: the job lives in the privacy store, not in the process
    await gw!.close();
    gw = await TestGateway.start(overrides(), { fresh: false });
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    await sleep(2000);
    const waiting = (await gw.graphql<any>(REQUEST, { ...officer, variables: { id: out.requestId } })).body.data.privacyRequest;
    assert.equal(waiting.status, "IN_PROGRESS", "never COMPLETED while a store is missing");

    proxy.restore();
    let request: any;
    for (let i = 0; i < 60; i++) {
      await sleep(500);
      request = (await gw.graphql<any>(REQUEST, { ...officer, variables: { id: out.requestId } })).body.data.privacyRequest;
      if (request.status === "COMPLETED") break;
    }
    assert.equal(request.status, "COMPLETED");
    assert.ok(request.tasks.every((t: any) => t.status === "DONE"));
    const count = async (store: "crm" | "auth" | "weblog", sql: string, p: unknown[]) => (await gw!.dbs.sources[store].query(sql, p))[0].n;
    assert.equal(await count("weblog", `SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [anne.accountId]), 0);
    assert.equal(await count("auth", `SELECT count(*)::int AS n FROM auth.account WHERE id = $1`, [anne.accountId]), 0);
    assert.equal(await count("crm", `SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, [anne.id]), 0);
  });
});
