import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "pg";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { TcpProxy } from "../support/tcp-proxy";
import { addDays, firstKeptAnchor, ruleById, utcDate } from "../../src/policy/retention";

const RUN = `mutation($dry: Boolean!) { runRetention(dryRun: $dry) { dryRun parts { rule store table candidates deleted batches errorCode } } }`;
const serverUrl = process.env.WEBLOG_DATABASE_URL ?? process.env.DATABASE_URL;
const GATE_LOCK = 4242;
const EXPIRED_LINES = 2 * 3 + 400 + 600; // of the ended customers, the running one and anonymous traffic: 11 batches of 100
type Part = { rule: string; store: string; table: string; candidates: number; deleted: number; batches: number; errorCode: string | null };

/**
 * The weblog store goes down in the middle of a retention run (SPEC §6: each table is independent; a store that does
 * not answer fails its part only, and the next run does it). The weblog connection runs through a TCP proxy; a
 * test trigger lets the first DELETE batch commit and holds the second until the proxy is cut, then that batch's
 * session is ended (as the server does when it notices a lost client), so it deletes nothing: a cut mid-run, with
 * a batch in flight. PostgreSQL only: on the embedded engine all stores share one process.
 */
describe(`retention with the weblog store cut mid-run (${engineName()})`, { skip: !serverUrl && "needs PostgreSQL (DATABASE_URL)", timeout: 120_000 }, () => {
  let proxy: TcpProxy;
  let gw: TestGateway;
  let weblog: Client; // straight to the server, past the proxy
  let officer: { token: string; purpose?: string };
  let dry: Part[];
  let cutRun: { status: number; body: any };
  const ended: SubjectFixture[] = [];
  let running: SubjectFixture;
  const today = () => utcDate(gw.clock.now());
  const run = async (dryRun: boolean) => {
    const res = await gw.graphql<any>(RUN, { ...officer, variables: { dry: dryRun } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    return res.body.data.runRetention.parts as Part[];
  };
  const of = (parts: Part[], rule: string, table: string) => parts.find((p) => p.rule === rule && p.table === table)!;
  const deletedPerTable = (...reports: Part[][]) => {
    const sums: Record<string, number> = {};
    for (const p of reports.flat()) sums[`${p.store}.${p.table}`] = (sums[`${p.store}.${p.table}`] ?? 0) + p.deleted;
    return sums;
  };
  const count = async (store: "crm" | "auth" | "billing", sql: string, params: unknown[]) => (await gw.dbs.stores[store].query(sql, params))[0].n as number;
  const lines = async (sql: string, params: unknown[] = []) => (await weblog.query(sql, params)).rows[0].n as number;
  const activity = async (accountId: string | null, n: number, when: Date, tag: string) => {
    if (accountId) await gw.dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
      SELECT $1, $2::timestamptz - g * interval '1 second', '192.0.2.1', true, $3 FROM generate_series(1, $4::int) g`, [accountId, when, tag, n]);
    await weblog.query(`INSERT INTO weblog.access_log (account_id, occurred_at, ip, method, path, status, user_agent)
      SELECT $1::uuid, $2::timestamptz - g * interval '1 second', '192.0.2.1', 'GET', '/', 200, $3 FROM generate_series(1, $4::int) g`, [accountId, when, tag, n]);
  };

  before(async () => {
    const u = new URL(serverUrl!);
    proxy = await TcpProxy.start({ host: u.hostname, port: Number(u.port || 5432) });
    gw = await TestGateway.start({ WEBLOG_DATABASE_URL: proxy.urlFor(serverUrl!), RETENTION_BATCH_SIZE: "100" });
    // The gateway's clock stands in 2026: the factory's 2019 invoices are inside fiscal retention; every other date follows from it.
    gw.clock.set("2026-11-01T12:00:00.000Z");
    weblog = new Client({ connectionString: serverUrl });
    await weblog.connect();
    officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const expiredAt = new Date(`${addDays(firstKeptAnchor(ruleById("activity-rolling"), today()), -10)}T12:00:00Z`);
    const recentAt = new Date(gw.clock.now().getTime() - 86_400_000);
    const endedOn = addDays(firstKeptAnchor(ruleById("crm-after-contract"), today()), -10);
    for (let i = 0; i < 3; i++) {
      const s = await createSubject(gw.dbs.stores, { customer: { contract_end: i < 2 ? endedOn : null }, loginEvents: 0, accessLogs: 0 });
      if (i < 2) ended.push(s);
      else running = s;
      await activity(s.accountId, i < 2 ? 3 : 400, expiredAt, "expired");
      await activity(s.accountId, 5, recentAt, "recent");
    }
    await activity(null, 600, expiredAt, "expired"); // anonymous traffic
    assert.equal(await lines(`SELECT count(*)::int AS n FROM weblog.access_log WHERE user_agent = 'expired'`), EXPIRED_LINES);
  });
  after(async () => {
    await weblog?.query(`SELECT pg_advisory_unlock_all()`).catch(() => undefined);
    await weblog?.end();
    await gw?.close();
    await proxy?.close();
  });

  test("weblog's parts fail with SOURCE_UNAVAILABLE, the others still delete; the run is answered, listed and audited", async () => {
    dry = await run(true);
    // The gate: the first DELETE on access_log passes, later ones wait for a lock the test holds.
    await weblog.query(`CREATE TABLE weblog.test_gate (n int)`);
    await weblog.query(`CREATE FUNCTION weblog.test_gate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF EXISTS (SELECT 1 FROM weblog.test_gate) THEN PERFORM pg_advisory_xact_lock_shared(${GATE_LOCK}); END IF;
      INSERT INTO weblog.test_gate VALUES (1); RETURN NULL; END $$`);
    await weblog.query(`CREATE TRIGGER test_gate BEFORE DELETE ON weblog.access_log FOR EACH STATEMENT EXECUTE FUNCTION weblog.test_gate()`);
    await weblog.query(`SELECT pg_advisory_lock(${GATE_LOCK})`);

    const pending = gw.graphql<any>(RUN, { ...officer, variables: { dry: false } });
    let waiting: number | undefined;
    for (const deadline = Date.now() + 30_000; !waiting && Date.now() < deadline; await sleep(20)) {
      waiting = (await weblog.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory' AND pid <> pg_backend_pid()`)).rows[0]?.pid;
    }
    assert.ok(waiting, "the second batch reached the gate");
    proxy.cut();
    await weblog.query(`SELECT pg_terminate_backend($1)`, [waiting]);
    await weblog.query(`SELECT pg_advisory_unlock(${GATE_LOCK})`);
    cutRun = await pending;

    const text = JSON.stringify(cutRun.body);
    assert.equal(cutRun.status, 200);
    assert.equal(cutRun.body.errors, undefined, text);
    assert.doesNotMatch(text, /\b(SELECT|DELETE|INSERT|UPDATE)\b|stack|node_modules|\.js:\d/i, "no SQL, no stack in the answer");
    const parts: Part[] = cutRun.body.data.runRetention.parts;
    assert.deepEqual(parts.filter((p) => p.errorCode !== null).map((p) => [p.rule, p.store, p.table, p.errorCode]), [
      ["activity-rolling", "weblog", "access_log", "SOURCE_UNAVAILABLE"],
      ["crm-after-contract", "crm", "customer", "SOURCE_UNAVAILABLE"], ["crm-after-contract", "auth", "account", "SOURCE_UNAVAILABLE"],
      ["crm-after-contract", "auth", "login_event", "SOURCE_UNAVAILABLE"], ["crm-after-contract", "weblog", "access_log", "SOURCE_UNAVAILABLE"],
    ], "weblog's parts, and the account and crm record that wait for them (the next run finds the lines by the account)");
    assert.deepEqual([of(parts, "activity-rolling", "access_log").deleted, of(parts, "crm-after-contract", "customer").deleted], [100, 0], "one batch went before the cut");
    for (const table of ["login_event", "payment", "invoice"]) {
      const p = parts.find((x) => x.rule !== "crm-after-contract" && x.table === table)!;
      assert.deepEqual([p.deleted, p.errorCode], [of(dry, p.rule, table).deleted, null], `${p.rule} ${table} as the dry run said`);
    }
    const billing = of(parts, "crm-after-contract", "payment_method");
    assert.deepEqual([billing.deleted, billing.errorCode], [of(dry, "crm-after-contract", "payment_method").deleted, null], "retirement: billing as the dry run said");
    for (const table of ["account", "login_event"]) assert.equal(of(parts, "crm-after-contract", table).deleted, 0, `retirement: ${table} waits for weblog`);
    const ids = ended.map((s) => s.id);
    assert.equal(await count("crm", `SELECT count(*)::int AS n FROM crm.customer WHERE id = ANY($1::uuid[])`, [ids]), 2, "their crm records wait for the next run");
    assert.equal(await count("auth", `SELECT count(*)::int AS n FROM auth.login_event WHERE user_agent = 'expired'`, []), 0, "the activity rule ran");
    assert.equal(await count("auth", `SELECT count(*)::int AS n FROM auth.account WHERE id = ANY($1::uuid[])`, [ended.map((s) => s.accountId)]), 2, "their accounts wait too");
    assert.equal(await count("billing", `SELECT count(*)::int AS n FROM billing.payment_method WHERE customer_number = ANY($1)`, [ended.map((s) => s.customerNumber)]), 0);
    assert.equal(await lines(`SELECT count(*)::int AS n FROM weblog.access_log WHERE user_agent = 'expired'`), EXPIRED_LINES - 100, "only the first batch went; the one in flight deleted nothing");

    const listed = await gw.graphql<any>(`{ retentionRuns(first: 1) { edges { node { dryRun parts { store table errorCode } } } } }`, officer);
    const node = listed.body.data.retentionRuns.edges[0].node;
    assert.deepEqual([node.dryRun, node.parts.filter((p: any) => p.errorCode).length], [false, 5], "listed, with its failed parts");
    const audit = await gw.graphql<any>(`{ auditTrail(action: RETENTION_RUN, first: 1) { edges { node { detail } } } }`, officer);
    const entry = audit.body.data.auditTrail.edges[0].node.detail;
    assert.deepEqual([entry.dryRun, entry.parts.filter((p: any) => p.errorCode === "SOURCE_UNAVAILABLE").length], [false, 5], "audited with its codes");
  });

  test("back up: the next run deletes the rest of the log lines and retires the customers that waited", async () => {
    await weblog.query(`DROP TRIGGER test_gate ON weblog.access_log`);
    await weblog.query(`DROP FUNCTION weblog.test_gate()`);
    await weblog.query(`DROP TABLE weblog.test_gate`);
    proxy.restore();
    const after = await run(false);
    assert.deepEqual(after.filter((p) => p.errorCode !== null), []);
    assert.equal(await count("crm", `SELECT count(*)::int AS n FROM crm.customer WHERE id = ANY($1::uuid[])`, [ended.map((s) => s.id)]), 0, "retired now");
    assert.equal(await count("crm", `SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, [running.id]), 1, "the running customer stays");
    assert.equal(await lines(`SELECT count(*)::int AS n FROM weblog.access_log WHERE user_agent = 'expired'`), 0, "every expired line is gone");
    assert.equal(await lines(`SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1 AND user_agent = 'recent'`, [running.accountId]), 5, "recent lines stay");
  });

  test("the retired customers' recent log lines went too, and both runs together deleted what the dry run counted",
    async () => {
      assert.equal(await lines(`SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = ANY($1::uuid[])`, [ended.map((s) => s.accountId)]), 0);
      const runs = (await gw.graphql<any>(`{ retentionRuns(first: 2) { edges { node { parts { rule store table candidates deleted batches errorCode } } } } }`, officer))
        .body.data.retentionRuns.edges.map((e: any) => e.node.parts as Part[]);
      assert.deepEqual(deletedPerTable(...runs), deletedPerTable(dry));
    });
});
