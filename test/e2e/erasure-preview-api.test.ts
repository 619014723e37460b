import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { SettableClock } from "../../src/common/clock";
import { addDays, FISCAL_HOLD_BASIS, LITIGATION_HOLD_BASIS, utcDate } from "../../src/policy/retention";

const SOURCE = `source erased { table count } kept { recordType recordId reason until }`;
const PREVIEW = `query($id: ID!) { erasurePreview(subjectId: $id) { subjectId judgedOn sources { ${SOURCE} errorCode } } }`;
const ERASE = `mutation($id: ID!) { eraseSubject(subjectId: $id) { status sources { ${SOURCE} } } }`;
const PLACE = `mutation($s: ID!, $c: [DataCategory!]!, $u: String!) {
  placeLegalHold(subjectId: $s, kind: LITIGATION, categories: $c, until: $u, reason: "Claim 2026/7") { id } }`;

type Source = { source: string; erased: { table: string; count: number }[]; kept: { recordType: string; recordId: string; reason: string; until: string }[] };
const bySource = (sources: Source[]) => Object.fromEntries(sources.map((s) => [s.source,
  { erased: [...s.erased].sort((a, b) => a.table.localeCompare(b.table)), kept: [...s.kept].sort((a, b) => a.recordId.localeCompare(b.recordId)) }]));

/**
 * The confirmation step before an erasure: `erasurePreview` says what eraseSubject would delete and keep, why and
 * until when, deletes nothing, and is then exactly what the erasure does. Dates come from the gateway's pinned clock.
 */
describe(`erasure preview (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;
  const preview = async (s: SubjectFixture, token: { token: string; purpose?: string }) => gw.graphql<any>(PREVIEW, { ...token, variables: { id: s.id } });
  const own = (s: SubjectFixture) => gw.as("customer", undefined, s.id);
  const officer = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  /** Every row of the subject in every source, as text. */
  const rowsOf = async (s: SubjectFixture) => ({
    crm: await gw.dbs.stores.crm.query(`SELECT row_to_json(c)::text AS r FROM crm.customer c WHERE id = $1`, [s.id]),
    billing: await gw.dbs.stores.billing.query(`SELECT row_to_json(i)::text AS r FROM billing.invoice i WHERE customer_number = $1
      UNION ALL SELECT row_to_json(p)::text FROM billing.payment p WHERE customer_number = $1
      UNION ALL SELECT row_to_json(m)::text FROM billing.payment_method m WHERE customer_number = $1 ORDER BY 1`, [s.customerNumber]),
    auth: await gw.dbs.stores.auth.query(`SELECT row_to_json(e)::text AS r FROM auth.login_event e WHERE account_id = $1 ORDER BY 1`, [s.accountId]),
    weblog: await gw.dbs.stores.weblog.query(`SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [s.accountId]),
  });

  before(async () => {
    // Invoices of 2017, 2018 and 2019: on 2026-06-15 the first two are past their 7 years, the 2019 one is kept through 2026-12-31.
    gw = await TestGateway.start({}, { clock: new SettableClock("2026-06-15T12:00:00Z") });
    anne = await createSubject(gw.dbs.stores, { invoices: 3, loginEvents: 3, accessLogs: 4 });
    bert = await createSubject(gw.dbs.stores, { invoices: 1 });
  });
  after(() => gw.close());

  test("the subject sees what would go and what is kept, why and until when; nothing is deleted by asking", async () => {
    const before = await rowsOf(anne);
    const res = await preview(anne, await own(anne));
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const p = res.body.data.erasurePreview;
    assert.deepEqual([p.subjectId, p.judgedOn], [anne.id, "2026-06-15"]);
    const by = bySource(p.sources);
    assert.deepEqual(by.CRM.erased, [{ table: "customer", count: 1 }]);
    assert.deepEqual(by.AUTH.erased, [{ table: "account", count: 1 }, { table: "login_event", count: 3 }]);
    assert.deepEqual(by.WEBLOG.erased, [{ table: "access_log", count: 4 }]);
    assert.deepEqual(by.BILLING.erased, [{ table: "invoice", count: 2 }, { table: "payment", count: 2 }, { table: "payment_method", count: 1 }]);
    const [held] = await gw.dbs.stores.billing.query(`SELECT id FROM billing.invoice WHERE customer_number = $1 AND invoice_date = '2019-03-01'`, [anne.customerNumber]);
    assert.deepEqual(by.BILLING.kept.map((k: any) => [k.recordType, k.reason, k.until]).sort(),
      [["invoice", FISCAL_HOLD_BASIS, "2026-12-31"], ["payment", FISCAL_HOLD_BASIS, "2026-12-31"]]);
    assert.ok(by.BILLING.kept.some((k: any) => k.recordId === held.id));
    assert.ok(p.sources.every((s: any) => s.errorCode === null));
    assert.deepEqual(await rowsOf(anne), before, "every row is still there");
  });

  test("then the erasure does exactly what the preview said", async () => {
    const said = bySource((await preview(anne, await own(anne))).body.data.erasurePreview.sources);
    const res = await gw.graphql<any>(ERASE, { ...(await own(anne)), variables: { id: anne.id } });
    assert.equal(res.body.data.eraseSubject.status, "COMPLETED");
    const did = bySource(res.body.data.eraseSubject.sources);
    for (const source of ["CRM", "AUTH", "WEBLOG", "BILLING"]) assert.deepEqual(did[source], said[source], source);
    // Afterwards the subject's own token finds nothing; the officer sees what the holds keep.
    assert.equal(code(await preview(anne, await own(anne))), "NOT_FOUND");
    const officerView = bySource((await preview(anne, await officer())).body.data.erasurePreview.sources);
    assert.deepEqual(officerView.CRM.erased, [{ table: "customer", count: 0 }]);
    assert.deepEqual(officerView.BILLING.kept, said.BILLING.kept);
  });

  test("a litigation hold shows as kept, with its basis and last day", async () => {
    const until = addDays(utcDate(gw.clock.now()), 30);
    const placed = await gw.graphql<any>(PLACE, { ...(await officer()), variables: { s: bert.id, c: ["NAME"], u: until } });
    assert.equal(placed.body.errors, undefined, JSON.stringify(placed.body.errors));
    const by = bySource((await preview(bert, await own(bert))).body.data.erasurePreview.sources);
    assert.deepEqual(by.CRM.erased, [{ table: "customer", count: 0 }]);
    assert.deepEqual(by.CRM.kept, [{ recordType: "customer", recordId: bert.id, reason: LITIGATION_HOLD_BASIS, until }]);
  });

  test("only the subject itself and the privacy officer may ask; the officer's preview is an audited read", async () => {
    assert.equal(code(await preview(bert, await own(anne))), "FORBIDDEN", "another subject's token");
    const carl = await createSubject(gw.dbs.stores);
    assert.equal(code(await preview(bert, await own(carl))), "FORBIDDEN");
    for (const role of ["support", "billing", "analyst", "finance", "legal_officer"] as const) {
      assert.equal(code(await preview(bert, await gw.as(role, A_PURPOSE_OF[role]))), "FORBIDDEN", role);
    }
    const res = await preview(bert, await officer());
    assert.equal(res.body.errors, undefined);
    const entries = await gw.dbs.stores.privacy.query(`SELECT entry::jsonb -> 'detail' ->> 'report' AS report FROM privacy.audit_event
      WHERE action = 'SUBJECT_READ' AND entry::jsonb ->> 'role' = 'privacy_officer' AND entry::jsonb -> 'detail' ->> 'report' = 'ERASURE_PREVIEW'`);
    assert.ok(entries.length >= 2, "each officer preview left an entry");
  });

  test("a store that cannot be counted now is named SOURCE_UNAVAILABLE; the others are still previewed", async () => {
    const carl = await createSubject(gw.dbs.stores, { accessLogs: 2 });
    await gw.dbs.stores.weblog.query(`ALTER TABLE weblog.access_log RENAME TO access_log_offline`);
    try {
      const res = await preview(carl, await own(carl));
      assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
      const sources = res.body.data.erasurePreview.sources;
      assert.deepEqual(sources.find((x: any) => x.source === "WEBLOG"), { source: "WEBLOG", erased: [], kept: [], errorCode: "SOURCE_UNAVAILABLE" });
      assert.deepEqual(bySource(sources).CRM.erased, [{ table: "customer", count: 1 }]);
    } finally {
      await gw.dbs.stores.weblog.query(`ALTER TABLE weblog.access_log_offline RENAME TO access_log`);
    }
  });

  // Raised while executing: a field error, so the status is GraphQL over HTTP's 200 (error-code.ts, HTTP_STATUS).
  test("a malformed id is BAD_USER_INPUT (the value not echoed), an unknown subject NOT_FOUND", async () => {
    const bad = await gw.graphql<any>(PREVIEW, { ...(await officer()), variables: { id: "x'; DROP TABLE crm.customer; --" } });
    assert.deepEqual([bad.status, code(bad), bad.body.data], [200, "BAD_USER_INPUT", null]);
    assert.ok(!JSON.stringify(bad.body).includes("DROP TABLE"), "the caller's value is not echoed");
    const unknown = await gw.graphql<any>(PREVIEW, { ...(await officer()), variables: { id: "00000000-0000-4000-8000-000000000000" } });
    assert.equal(code(unknown), "NOT_FOUND");
  });
});
