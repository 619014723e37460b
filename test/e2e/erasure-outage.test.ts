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
    anne = await createSubject(gw.dbs.stores, { accessLogs: 6 });
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
    const count = async (store: "crm" | "auth" | "weblog", sql: string, p: unknown[]) => (await gw!.dbs.stores[store].query(sql, p))[0].n;
    assert.equal(await count("weblog", `SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [anne.accountId]), 0);
    assert.equal(await count("auth", `SELECT count(*)::int AS n FROM auth.account WHERE id = $1`, [anne.accountId]), 0);
    assert.equal(await count("crm", `SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, [anne.id]), 0);
  });

  test("steps whose results died with the gateway are recorded after the restart with the plan's counts, flagged", async () => {
    const bert = await createSubject(gw!.dbs.stores, { invoices: 2, loginEvents: 3, accessLogs: 4 });
    const privacy = () => gw!.dbs.stores.privacy;
    // The steps run, recording their results fails, and the gateway stops before its job repeats them.
    await privacy().query(`CREATE FUNCTION privacy.test_refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await privacy().query(`CREATE TRIGGER test_refuse_done BEFORE UPDATE ON privacy.rights_request_task FOR EACH ROW WHEN (NEW.status = 'DONE') EXECUTE FUNCTION privacy.test_refuse_done()`);
    try {
      const res = await gw!.graphql<any>(`mutation($id: ID!) { eraseSubject(subjectId: $id) { status } }`, { ...(await gw!.as("customer", undefined, bert.id)), variables: { id: bert.id } });
      assert.notEqual(res.body.errors, undefined);
      await gw!.close();
    } finally {
      gw = await TestGateway.start(overrides(), { fresh: false });
      await privacy().query(`DROP TRIGGER test_refuse_done ON privacy.rights_request_task`);
      await privacy().query(`DROP FUNCTION privacy.test_refuse_done()`);
    }
    const [{ id: requestId }] = await privacy().query(`SELECT id FROM privacy.rights_request WHERE subject_id = $1`, [bert.id]);
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    let request: any;
    for (let i = 0; i < 40 && request?.status !== "COMPLETED"; i++) {
      await sleep(500);
      request = (await gw.graphql<any>(REQUEST, { ...officer, variables: { id: requestId } })).body.data.privacyRequest;
    }
    assert.equal(request.status, "COMPLETED");
    const trail = await privacy().query(`SELECT entry::jsonb -> 'detail' -> 'steps' AS steps FROM privacy.audit_event
      WHERE action = 'SUBJECT_ERASURE_STEP' AND entry::jsonb -> 'detail' ->> 'rightsRequest' = $1 ORDER BY seq`, [requestId]);
    const recorded = trail.flatMap((e: any) => e.steps).filter((x: any) => x.step !== "privacy");
    const step = (name: string) => Object.fromEntries(Object.entries(recorded.find((x: any) => x.step === name)).filter(([k]) => k !== "step" && k !== "kept"));
    // The plan counted every table before anything was deleted: those counts are the evidence of the lost
    // attempt (its own answers died with the gateway), and the flag says so.
    assert.deepEqual(step("crm"), { "erased.customer": 1, earlierAttempt: "UNRECORDED" });
    assert.deepEqual(step("auth"), { "erased.login_event": 3, "erased.account": 1, earlierAttempt: "UNRECORDED" });
    assert.deepEqual(step("weblog"), { "erased.access_log": 4, earlierAttempt: "UNRECORDED" });
    assert.deepEqual(step("billing"), { "erased.payment_method": 1, "erased.payment": 2, "erased.invoice": 2, earlierAttempt: "UNRECORDED" });
  });
});
