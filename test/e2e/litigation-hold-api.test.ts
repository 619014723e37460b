import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { ROLES } from "../../src/policy/roles";
import { addDays, addMonths, LITIGATION_HOLD_BASIS, utcDate } from "../../src/policy/retention";

const DAY = 86_400_000;
const PLACE = `mutation($s: ID!, $k: HoldKind!, $c: [DataCategory!]!, $u: String!, $r: String!) {
  placeLegalHold(subjectId: $s, kind: $k, categories: $c, until: $u, reason: $r) { id subjectId kind categories until reason placedBy records releasedAt } }`;
const RELEASE = `mutation($id: ID!, $r: String!) { releaseLegalHold(id: $id, reason: $r) { id releasedAt releasedBy releaseReason } }`;
const RUN = `mutation { runRetention(dryRun: false) { parts { rule table deleted keptByHold { kind count } } } }`;
const ERASE = `mutation($id: ID!) { eraseSubject(subjectId: $id) { status sources { source erased { table count } kept { recordType recordId reason until } } } }`;

/** Litigation holds through HTTP: placed and released by the privacy officer, beating erasure and retention until they end. */
describe(`litigation holds through the API (${engineName()})`, () => {
  let gw: TestGateway;
  // Every moment below is computed from the gateway's pinned clock.
  const today = () => utcDate(gw.clock.now());
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;
  const officer = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  const rows = (store: "crm" | "auth" | "weblog" | "billing" | "privacy", sql: string, params: unknown[] = []) =>
    gw.dbs.stores[store].query(sql, params) as Promise<any[]>;
  const place = async (s: SubjectFixture, over: Record<string, unknown> = {}) => gw.graphql<any>(PLACE, { ...(await officer()),
    variables: { s: s.id, k: "LITIGATION", c: ["ACCOUNT_ACTIVITY", "PAYMENT"], u: addDays(today(), 30), r: "Claim 2026/114 (district court)", ...over } });
  /** A subject with two login events: one 200 days before the clock (past the rolling 6 months), one a day before. */
  async function subject() {
    const s = await createSubject(gw.dbs.stores, { loginEvents: 0, accessLogs: 0 });
    const ev = async (days: number) => (await rows("auth", `INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
      VALUES ($1, $2, '198.51.100.7', true, 'ua') RETURNING id`, [s.accountId, new Date(gw.clock.now().getTime() - days * DAY)]))[0].id as string;
    return { ...s, old: await ev(200), recent: await ev(1) };
  }
  const heldRows = async (s: SubjectFixture) => (await rows("privacy", `SELECT source, record_type, record_id, basis, to_char(expires_at, 'YYYY-MM-DD') AS until
    FROM privacy.legal_hold WHERE subject_id = $1 AND kind = 'LITIGATION' AND released_at IS NULL ORDER BY source, record_type, record_id`, [s.id]));
  const md5 = async (id: string) => (await rows("auth", `SELECT md5(row(e.*)::text) AS h FROM auth.login_event e WHERE id = $1`, [id]))[0]?.h as string | undefined;

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-09-14T08:00:00.000Z");
  });
  after(() => gw.close());

  test("a hold covers exactly the subject's records of its categories, in every source; the audit entry names no reason and no record", async () => {
    const s = await subject();
    const res = await place(s);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const hold = res.body.data.placeLegalHold;
    assert.deepEqual([hold.subjectId, hold.kind, hold.categories, hold.until, hold.placedBy, hold.releasedAt],
      [s.id, "LITIGATION", ["ACCOUNT_ACTIVITY", "PAYMENT"], addDays(today(), 30), "test-privacy_officer", null]);
    const expected = [
      // The account carries activity too (its last login).
      ...(await rows("auth", `SELECT 'auth' AS source, 'login_event' AS record_type, id AS record_id FROM auth.login_event WHERE account_id = $1
        UNION ALL SELECT 'auth', 'account', id FROM auth.account WHERE id = $1`, [s.accountId])),
      ...(await rows("billing", `SELECT 'billing' AS source, 'invoice' AS record_type, id AS record_id FROM billing.invoice WHERE customer_number = $1
        UNION ALL SELECT 'billing', 'payment', id FROM billing.payment WHERE customer_number = $1
        UNION ALL SELECT 'billing', 'payment_method', id FROM billing.payment_method WHERE customer_number = $1`, [s.customerNumber])),
    ].map((r) => ({ ...r, basis: LITIGATION_HOLD_BASIS, until: addDays(today(), 30) }))
      .sort((a, b) => a.source.localeCompare(b.source) || a.record_type.localeCompare(b.record_type) || a.record_id.localeCompare(b.record_id));
    assert.deepEqual(await heldRows(s), expected);
    assert.equal(hold.records, expected.length);
    const text = (await rows("privacy", `SELECT entry FROM privacy.audit_event WHERE action = 'LEGAL_HOLD_PLACED'`)).map((r) => String(r.entry))
      .find((e) => e.includes(hold.id)) ?? "";
    assert.ok(text.includes(hold.id) && !text.includes("Claim 2026/114") && !text.includes(s.old), "the hold's id, not its reason or records");
  });

  test("bad input is refused with BAD_USER_INPUT or NOT_FOUND and places nothing; other roles get FORBIDDEN", async () => {
    const s = await subject();
    const cases: [Record<string, unknown>, string][] = [
      [{ u: addDays(addMonths(today(), 24), 1) }, "BAD_USER_INPUT"], [{ u: addDays(today(), -1) }, "BAD_USER_INPUT"],
      [{ u: "2026-02-30" }, "BAD_USER_INPUT"], [{ k: "FISCAL" }, "BAD_USER_INPUT"], [{ c: [] }, "BAD_USER_INPUT"], [{ r: "  " }, "BAD_USER_INPUT"],
      [{ s: "not-an-id" }, "BAD_USER_INPUT"], [{ s: "00000000-0000-4000-8000-000000000000" }, "NOT_FOUND"],
    ];
    for (const [over, expected] of cases) {
      const res = await place(s, over);
      assert.equal(code(res), expected, JSON.stringify(over));
      assert.ok(res.status < 500 && !JSON.stringify(res.body).includes("Claim 2026/114"), "a 4xx that does not echo the caller's values");
    }
    assert.equal((await place(s, { u: addMonths(today(), 24) })).body.errors, undefined, "exactly 2 years is accepted");
    for (const role of ROLES.filter((r) => r !== "privacy_officer")) {
      const as = await gw.as(role, A_PURPOSE_OF[role], role === "customer" ? s.id : undefined);
      const res = await gw.graphql<any>(PLACE, { ...as, variables: { s: s.id, k: "LITIGATION", c: ["PAYMENT"], u: addDays(today(), 5), r: "x" } });
      assert.equal(code(res), "FORBIDDEN", role);
    }
    const [{ n }] = await rows("privacy", `SELECT count(*)::int AS n FROM privacy.litigation_hold WHERE subject_id = $1`, [s.id]);
    assert.equal(n, 1, "only the accepted one was placed");
  });

  test("erasure and retention leave held records unchanged until the hold ends or is released", async () => {
    const [kept, released] = [await subject(), await subject()];
    const holdOf = async (s: SubjectFixture) => (await place(s, { c: ["ACCOUNT_ACTIVITY"] })).body.data.placeLegalHold.id as string;
    const [, releasedId] = [await holdOf(kept), await holdOf(released)];
    const before = { old: await md5(kept.old), recent: await md5(kept.recent) };

    const erased = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", "DATA_SUBJECT_RIGHTS", kept.id)), variables: { id: kept.id } });
    assert.equal(erased.body.errors, undefined, JSON.stringify(erased.body.errors));
    const auth = erased.body.data.eraseSubject.sources.find((x: any) => x.source === "AUTH");
    assert.deepEqual(auth.kept.map((k: any) => [k.recordId, k.reason, k.until]).sort(),
      [kept.old, kept.recent, kept.accountId].sort().map((id) => [id, LITIGATION_HOLD_BASIS, addDays(today(), 30)]), "the subject is told what is kept (the account too), why and until when");
    assert.deepEqual({ old: await md5(kept.old), recent: await md5(kept.recent) }, before, "held events unchanged, byte for byte");

    const run = await gw.graphql<any>(RUN, await officer());
    const login = run.body.data.runRetention.parts.find((p: any) => p.rule === "activity-rolling" && p.table === "login_event");
    assert.ok(login.keptByHold.some((k: any) => k.kind === "LITIGATION" && k.count >= 2), JSON.stringify(login));
    assert.ok(await md5(released.old), "the released subject's old event is still there before the release");
    assert.equal(await md5(kept.old), before.old, "the held event is unchanged");

    const rel = await gw.graphql<any>(RELEASE, { ...(await officer()), variables: { id: releasedId, r: "Claim settled" } });
    assert.deepEqual([rel.body.data.releaseLegalHold.releasedBy, rel.body.data.releaseLegalHold.releaseReason], ["test-privacy_officer", "Claim settled"]);
    assert.equal(code(await gw.graphql<any>(RELEASE, { ...(await officer()), variables: { id: releasedId, r: "again" } })), "BAD_USER_INPUT");
    assert.equal(code(await gw.graphql<any>(RELEASE, { ...(await officer()), variables: { id: "00000000-0000-4000-8000-000000000000", r: "x" } })), "NOT_FOUND");
    await gw.graphql<any>(RUN, await officer());
    assert.equal(await md5(released.old), undefined, "released: the next run applies the rule");
    assert.ok(await md5(released.recent), "inside the rolling 6 months: kept by the rule itself");
    assert.equal(await md5(kept.old), before.old, "the other hold is still in force");

    gw.clock.set(new Date(Date.parse(`${addDays(today(), 31)}T08:00:00Z`)));
    await gw.graphql<any>(RUN, await officer());
    assert.equal(await md5(kept.old), undefined, "expired: the next run deletes it");
  });

  test("Subject.legalHolds: the privacy officer sees every kind, LEGAL_TAX the fiscal holds only, others are refused", async () => {
    const s = await subject();
    await place(s, { c: ["ACCOUNT_ACTIVITY"] });
    await gw.dbs.stores.privacy.query(`INSERT INTO privacy.legal_hold (subject_id, source, record_type, record_id, kind, customer_number, basis, expires_at)
      VALUES ($1, 'billing', 'invoice', $2, 'FISCAL', $3, 'AWR art. 52; AVG art. 17(3)(b)', $4)`, [s.id, s.invoiceIds[2], s.customerNumber, addDays(today(), 400)]);
    const read = `query($id: ID!) { subject(id: $id) { legalHolds { kind source recordType recordId basis until } } }`;
    const as = async (role: string, purpose: string) => gw.graphql<any>(read, { ...(await gw.as(role as never, purpose as never, role === "customer" ? s.id : undefined)), variables: { id: s.id } });
    const kinds = (res: any) => res.body.data.subject.legalHolds.map((h: any) => `${h.kind}:${h.recordType}`).sort();
    const po = await as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    assert.equal(po.body.errors, undefined, JSON.stringify(po.body.errors));
    assert.deepEqual(kinds(po), ["FISCAL:invoice", "LITIGATION:account", "LITIGATION:login_event", "LITIGATION:login_event"]);
    assert.deepEqual(po.body.data.subject.legalHolds[0], { kind: "FISCAL", source: "billing", recordType: "invoice", recordId: s.invoiceIds[2],
      basis: "AWR art. 52; AVG art. 17(3)(b)", until: addDays(today(), 400) }, "longest first");
    const tax = await as("finance", "LEGAL_TAX");
    assert.deepEqual(kinds(tax), ["FISCAL:invoice"]);
    for (const role of ROLES.filter((r) => r !== "privacy_officer" && r !== "finance")) {
      const res = await as(role, A_PURPOSE_OF[role] ?? "DATA_SUBJECT_RIGHTS");
      assert.ok(["PURPOSE_NOT_ALLOWED", "FORBIDDEN"].includes(code(res)), `${role}: ${JSON.stringify(res.body.errors)}`);
      assert.ok(!JSON.stringify(res.body).includes("LITIGATION"), `${role} learns nothing of the holds`);
    }
  });
});
