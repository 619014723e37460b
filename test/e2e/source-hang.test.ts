import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { TcpProxy } from "../support/tcp-proxy";

const serverUrl = process.env.WEBLOG_DATABASE_URL ?? process.env.DATABASE_URL;
const PROFILE = `query($id: ID!) { subject(id: $id) { firstName ipLog(first: 5) { edges { node { ip path } } } } }`;
const ERASE = `mutation($id: ID!) { eraseSubject(subjectId: $id) { requestId status sources { source status errorCode } } }`;
const REQUEST = `query($id: ID!) { privacyRequest(id: $id) { status tasks { source status lastErrorCode } } }`;
/** Timeouts of this test (DB_*_TIMEOUT_MS below) plus room for a slow machine: no answer may take longer. */
const BOUND_MS = 6000;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/**
 * The weblog source accepts connections but never answers (a TCP "black hole" proxy: a frozen server, a
 * firewall dropping packets). Without timeouts, reads and erasure hung until the connection was reset; with
 * DB_STATEMENT_TIMEOUT_MS / DB_CONNECT_TIMEOUT_MS they answer SOURCE_UNAVAILABLE for weblog in time, with the
 * rest of the data. Needs a real server: the embedded engine has no network.
 */
describe(`a source that never answers (${engineName()})`, { skip: !serverUrl && "needs PostgreSQL (DATABASE_URL): the embedded engine has no network to hang" }, () => {
  let proxy: TcpProxy;
  let gw: TestGateway | undefined;
  let anne: SubjectFixture;
  let officer: { token: string; purpose?: string };
  const overrides = () => ({
    WEBLOG_DATABASE_URL: proxy.urlFor(serverUrl!),
    DB_STATEMENT_TIMEOUT_MS: "1000",
    DB_CONNECT_TIMEOUT_MS: "1000",
    ERASURE_JOB_DELAY_SECONDS: "1",
    ERASURE_RETRY_DELAY_SECONDS: "1",
    JOB_POLL_SECONDS: "0.5",
  });
  const profile = async () => (await gw!.graphql<any>(PROFILE, { ...officer, variables: { id: anne.id } })).body;

  before(async () => {
    const u = new URL(serverUrl!);
    proxy = await TcpProxy.start({ host: u.hostname, port: Number(u.port || 5432) });
    gw = await TestGateway.start(overrides());
    anne = await createSubject(gw.dbs.stores, { accessLogs: 6 });
    officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    assert.equal((await profile()).data.subject.ipLog.edges.length, 5, "weblog answers before the hang");
  });
  after(async () => {
    proxy?.restore();
    await gw?.close();
    await proxy?.close();
  });

  test("established connections hang: the profile answers in time with firstName and SOURCE_UNAVAILABLE naming weblog; /healthz answers, /readyz names weblog", async () => {
    proxy.hang();
    const { value: body, ms } = await timed(profile);
    assert.ok(ms < BOUND_MS, `answered after ${ms} ms`);
    assert.equal(body.data.subject.firstName, anne.firstName);
    assert.equal(body.data.subject.ipLog, null);
    assert.deepEqual(body.errors?.map((e: any) => [e.extensions.code, e.extensions.source, e.path.join(".")]), [["SOURCE_UNAVAILABLE", "weblog", "subject.ipLog"]]);

    const health = await timed(() => fetch(`${gw!.url}/healthz`));
    assert.equal(health.value.status, 200);
    assert.ok(health.ms < 1000, `healthz after ${health.ms} ms`);
    const ready = await fetch(`${gw!.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual(((await ready.json()) as { unreachable: string[] }).unreachable, ["weblog"]);

    proxy.restore();
    let ok: any;
    for (let i = 0; i < 20 && !ok?.data?.subject?.ipLog; i++) ok = await profile().catch(() => undefined);
    assert.equal(ok.data.subject.ipLog.edges.length, 5, "weblog answers again once traffic flows");
  });

  test("eraseSubject with weblog hanging answers in time (weblog FAILED, request kept open) and completes once weblog answers", async () => {
    proxy.hang();
    // The subject's own portal erasure (staff name a verified request; the portal path is the customer's).
    const customer = await gw!.as("customer", undefined, anne.id);
    const { value: res, ms } = await timed(() => gw!.graphql<any>(ERASE, { ...customer, variables: { id: anne.id } }));
    assert.ok(ms < BOUND_MS * 2, `answered after ${ms} ms`);
    const out = res.body.data.eraseSubject;
    assert.equal(out.status, "IN_PROGRESS");
    assert.deepEqual(out.sources.filter((s: any) => s.status !== "DONE").map((s: any) => [s.source, s.status, s.errorCode]), [["WEBLOG", "FAILED", "SOURCE_UNAVAILABLE"]]);
    const waiting = (await gw!.graphql<any>(REQUEST, { ...officer, variables: { id: out.requestId } })).body.data.privacyRequest;
    assert.equal(waiting.status, "IN_PROGRESS");
    assert.equal((await fetch(`${gw!.url}/healthz`)).status, 200);

    proxy.restore();
    let request: any;
    for (let i = 0; i < 60 && request?.status !== "COMPLETED"; i++) {
      await sleep(500);
      request = (await gw!.graphql<any>(REQUEST, { ...officer, variables: { id: out.requestId } })).body.data.privacyRequest;
    }
    assert.equal(request.status, "COMPLETED");
    const [row] = await gw!.dbs.stores.weblog.query(`SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [anne.accountId]);
    assert.equal(row.n, 0);
  });

  test("new connections hang (the gateway restarts while weblog never answers): it starts, reads answer SOURCE_UNAVAILABLE in time, weblog is connected once it answers", async () => {
    const bob = await createSubject(gw!.dbs.stores, { accessLogs: 2 });
    await gw!.close();
    gw = undefined;
    proxy.hang();
    const started = await timed(() => TestGateway.start(overrides(), { fresh: false }));
    gw = started.value;
    assert.ok(started.ms < BOUND_MS * 2, `started after ${started.ms} ms`);
    const { value: res, ms } = await timed(() => gw!.graphql<any>(PROFILE, { ...officer, variables: { id: bob.id } }));
    assert.ok(ms < BOUND_MS, `answered after ${ms} ms`);
    assert.equal(res.body.data.subject.firstName, bob.firstName);
    assert.deepEqual(res.body.errors?.map((e: any) => [e.extensions.code, e.extensions.source]), [["SOURCE_UNAVAILABLE", "weblog"]]);

    proxy.restore();
    let ok: any;
    for (let i = 0; i < 40 && !ok?.data?.subject?.ipLog; i++) {
      await sleep(250);
      ok = (await gw!.graphql<any>(PROFILE, { ...officer, variables: { id: bob.id } })).body;
    }
    assert.equal(ok.data.subject.ipLog.edges.length, 2);
  });
});
