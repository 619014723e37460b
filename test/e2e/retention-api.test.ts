import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { ROLES } from "../../src/policy/roles";

const RUN = `mutation($dry: Boolean!) { runRetention(dryRun: $dry) { dryRun today parts { rule store table candidates deleted keptByHold { kind count } batches errorCode } } }`;

/** The retention run through HTTP: the privacy officer's, a dry run by default, counting before it deletes. */
describe(`retention through the API (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-12-05T12:00:00.000Z");
    anne = await createSubject(gw.dbs.stores, { loginEvents: 0, accessLogs: 0 });
    // Seven months before the gateway's clock: past the rolling six months.
    const old = new Date(gw.clock.now().getTime() - 213 * 86_400_000);
    await gw.dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, '192.0.2.1', true, 'ua')`,
      [anne.accountId, old]);
  });
  after(() => gw.close());

  test("a dry run by default counts and deletes nothing; a real run deletes what it counted", async () => {
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const dry = await gw.graphql<any>(`mutation { runRetention { dryRun today parts { table candidates deleted } } }`, officer);
    assert.equal(dry.body.errors, undefined, JSON.stringify(dry.body.errors));
    assert.deepEqual([dry.body.data.runRetention.dryRun, dry.body.data.runRetention.today], [true, "2026-12-05"]);
    const events = async () => (await gw.dbs.stores.auth.query(`SELECT count(*)::int AS n FROM auth.login_event WHERE account_id = $1`, [anne.accountId]))[0].n;
    assert.equal(await events(), 1);
    const login = (r: any) => r.body.data.runRetention.parts.find((p: any) => p.table === "login_event");
    assert.deepEqual([login(dry).candidates, login(dry).deleted], [1, 1]);
    const real = await gw.graphql<any>(RUN, { ...officer, variables: { dry: false } });
    assert.deepEqual([login(real).deleted, login(real).errorCode, real.body.data.runRetention.dryRun], [1, null, false]);
    assert.equal(await events(), 0);

    const runs = await gw.graphql<any>(`{ retentionRuns(first: 10) { edges { cursor node { id actor dryRun today parts { table deleted } } } pageInfo { hasNextPage } } }`, officer);
    const nodes = runs.body.data.retentionRuns.edges.map((e: any) => e.node);
    assert.deepEqual(nodes.map((n: any) => [n.dryRun, n.actor, n.today]), [[false, "test-privacy_officer", "2026-12-05"], [true, "test-privacy_officer", "2026-12-05"]],
      "newest first");
    assert.equal(nodes[0].parts.find((p: any) => p.table === "login_event").deleted, 1);
    const next = await gw.graphql<any>(`query($a: String) { retentionRuns(first: 1, after: $a) { edges { node { dryRun } } } }`,
      { ...officer, variables: { a: runs.body.data.retentionRuns.edges[0].cursor } });
    assert.deepEqual(next.body.data.retentionRuns.edges.map((e: any) => e.node.dryRun), [true]);
    const forged = await gw.graphql<any>(`{ retentionRuns(first: 1, after: "nonsense") { edges { cursor } } }`, officer);
    assert.equal(code(forged), "BAD_USER_INPUT");
  });

  test("only the privacy officer runs it and lists the runs; every other role gets FORBIDDEN and nothing runs", async () => {
    const runCount = async () => (await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.retention_run`))[0].n;
    const before = await runCount();
    for (const role of ROLES) {
      const as = await gw.as(role, A_PURPOSE_OF[role], role === "customer" ? anne.id : undefined);
      const res = await gw.graphql<any>(RUN, { ...as, variables: { dry: true } });
      assert.equal(code(res) ?? "OK", role === "privacy_officer" ? "OK" : "FORBIDDEN", role);
      const runs = await gw.graphql<any>(`{ retentionRuns(first: 1) { edges { cursor } } }`, as);
      assert.equal(code(runs) ?? "OK", role === "privacy_officer" ? "OK" : "FORBIDDEN", `${role} lists runs`);
    }
    assert.equal(await runCount(), before + 1, "only the privacy officer's dry run ran");
  });
});
