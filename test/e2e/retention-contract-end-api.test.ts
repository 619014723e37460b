import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { addDays, FISCAL_HOLD_BASIS, firstKeptAnchor, fiscalRetentionEnd, retentionEnd, ruleById, utcDate } from "../../src/policy/retention";
import { ROLE_GRANTS, ROLES } from "../../src/policy/roles";

const SUBJECT = `query($id: ID!) { subject(id: $id) { id customerNumber firstName lastName email phone gender notes contractStart contractEnd
  address { street houseNumber postalCode city country } account { id username createdAt lastLoginAt mfaEnabled }
  invoices { id invoiceNumber invoiceDate dueDate billingName billingStreet billingPostalCode billingCity amountInclVat vatAmount status }
  payments { id invoiceId paidAt amount method reference } paymentMethods { id kind iban holderName active createdAt }
  loginEvents(first: 100) { id accountId occurredAt ip success userAgent }
  ipLog(first: 100) { edges { node { id occurredAt ip method path status userAgent } } }
  consents { purpose category status } objections { purpose } restriction { reason } } }`;
const REPORT = `query($id: ID!) { accessReport(subjectId: $id) { subjectId json } }`;
const ERASE = `mutation($id: ID!) { eraseSubject(subjectId: $id) { requestId status sources { source status errorCode } } }`;
const RUN = `mutation { runRetention(dryRun: false) { parts { rule store table candidates deleted keptByHold { kind count } errorCode } } }`;

/** Per store, each table's rows of one customer (auth and weblog by its account, billing by its customer number), in a stable order. */
const ROWS: [store: "crm" | "auth" | "weblog" | "billing", table: string, key: "id" | "account" | "number", order: string][] = [
  ["crm", "crm.customer", "id", "id"], ["auth", "auth.account", "number", "id"], ["auth", "auth.login_event", "account", "occurred_at"],
  ["weblog", "weblog.access_log", "account", "occurred_at"], ["billing", "billing.invoice", "number", "invoice_date"],
  ["billing", "billing.payment", "number", "paid_at"], ["billing", "billing.payment_method", "number", "created_at"],
];

/**
 * SPEC §6 retires a customer "contract end + 6 months → delete" with erasure's own plan and steps: afterwards
 * no caller can tell a customer retired by retention from one erased on request — same answers to every role
 * and purpose (after each subject's own ids and numbers are replaced by placeholders), same rows left in every
 * store, same hold rows. By design they differ only where the request itself is the record: the rights request,
 * its tasks and audit entries, and the hold rows' request_id (not compared here).
 */
describe(`a customer retired by retention reads as one erased on request (${engineName()})`, () => {
  let gw: TestGateway;
  let onRequest: SubjectFixture;
  let retired: SubjectFixture;
  let retirement: any;
  const tokens = new Map<SubjectFixture, [string, string][]>(); // each subject's own values → placeholders
  const today = () => utcDate(gw.clock.now());
  const rowsOf = async (s: SubjectFixture, [store, table, key, order]: (typeof ROWS)[number]) => {
    const [col, value] = key === "id" ? ["id", s.id] : key === "account" ? ["account_id", s.accountId] : ["customer_number", s.customerNumber];
    return (await gw.dbs.stores[store].query(`SELECT id FROM ${table} WHERE ${col} = $1 ORDER BY ${order}, id`, [value])).map((r: { id: string }) => r.id) as string[];
  };
  /** The JSON of an answer with the subject's own ids, numbers and names replaced, in a fixed order, by placeholders. */
  const neutral = (s: SubjectFixture, answer: unknown) =>
    tokens.get(s)!.reduce((text, [value, name]) => text.split(value).join(name), JSON.stringify(answer));
  const ask = async (s: SubjectFixture, query: string, as: { token: string; purpose?: string }) => {
    const res = await gw.graphql<any>(query, { ...as, variables: { id: s.id } });
    return { status: res.status, body: JSON.parse(neutral(s, res.body)) };
  };
  const bothAnswer = async (query: string, as: (s: SubjectFixture) => Promise<{ token: string; purpose?: string }>, what: string) => {
    const [a, b] = [await ask(onRequest, query, await as(onRequest)), await ask(retired, query, await as(retired))];
    assert.deepEqual(b, a, `${what}: the retired customer's answer is the erased one's`);
    return a;
  };
  const code = (a: { body: any }) => a.body.errors?.[0]?.extensions?.code ?? "OK";

  /** A customer as the factory makes it, whose contract ended on `end`; with login events and log lines on both sides of the rolling window. */
  const customer = async (end: string) => {
    const s = await createSubject(gw.dbs.stores, { customer: { contract_end: end }, invoices: 3, loginEvents: 0, accessLogs: 0, paymentMethods: 1 });
    const oldDay = addDays(firstKeptAnchor(ruleById("activity-rolling"), today()), -10);
    for (const when of [new Date(`${oldDay}T08:00:00Z`), new Date(gw.clock.now().getTime() - 30 * 86_400_000), new Date(gw.clock.now().getTime() - 3_600_000)]) {
      await gw.dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, '192.0.2.7', true, 'ua')`, [s.accountId, when]);
      await gw.dbs.stores.weblog.query(`INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
        VALUES ($1, '192.0.2.7', 'GET', '/facturen', 200, 'ua', $2)`, [when, s.accountId]);
    }
    // Its own values, by kind and position, longest first (a customer number holds the digits of its invoice numbers).
    const values: [string, string][] = [[s.id, "SUBJECT"], [s.customerNumber, "CUSTOMER_NUMBER"], [s.customerNumber.slice(1), "N"],
      [s.firstName, "FIRST_NAME"], [s.email, "EMAIL"], [s.email.split("@")[0], "USERNAME"], [s.houseNumber, "HOUSE_NUMBER"]];
    for (const rows of ROWS) (await rowsOf(s, rows)).forEach((id, i) => id !== s.id && values.push([id, `${rows[1]}#${i}`]));
    tokens.set(s, values.sort((x, y) => y[0].length - x[0].length || x[1].localeCompare(y[1])));
    return s;
  };

  before(async () => {
    gw = await TestGateway.start();
    // The gateway's clock stands in 2026: the factory's 2019 invoice is inside fiscal retention, 2017 and 2018 past it.
    gw.clock.set("2026-11-01T12:00:00.000Z");
    assert.ok(fiscalRetentionEnd("2019-03-01") >= today() && fiscalRetentionEnd("2018-03-01") < today());
    const rule = ruleById("crm-after-contract");
    const end = addDays(firstKeptAnchor(rule, today()), -1); // the latest contract end whose last kept day is past
    assert.ok(retentionEnd(rule, end) < today() && retentionEnd(rule, addDays(end, 1)) >= today());
    [onRequest, retired] = [await customer(end), await customer(end)];

    const erased = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", undefined, onRequest.id)), variables: { id: onRequest.id } });
    assert.equal(erased.body.errors, undefined, JSON.stringify(erased.body.errors));
    assert.equal(erased.body.data.eraseSubject.status, "COMPLETED", "the erasure on request completes inline");
    const run = await gw.graphql<any>(RUN, await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS"));
    assert.equal(run.body.errors, undefined, JSON.stringify(run.body.errors));
    retirement = run.body.data.runRetention.parts;
  });
  after(() => gw?.close());

  test("the run retired exactly the one customer whose contract ended, keeping its 2019 invoice and payment under a fiscal hold", () => {
    const mine = retirement.filter((p: any) => p.rule === "crm-after-contract").map((p: any) => [p.table, p.deleted, p.keptByHold, p.errorCode]);
    const fiscal = [{ kind: "FISCAL", count: 1 }];
    assert.deepEqual(mine, [["customer", 1, [], null], ["account", 1, [], null], ["login_event", 2, [], null], ["access_log", 2, [], null],
      ["payment_method", 1, [], null], ["invoice", 0, fiscal, null], ["payment", 0, fiscal, null]]);
  });

  test("the subject's own token: me, subject, access report and a new erasure are NOT_FOUND for both, alike", async () => {
    const own = (s: SubjectFixture) => gw.as("customer", undefined, s.id);
    for (const [what, query] of [["me", `{ me { id firstName } }`], ["subject", SUBJECT], ["accessReport", REPORT], ["eraseSubject", ERASE]]) {
      assert.equal(code(await bothAnswer(query, own, `own ${what}`)), "NOT_FOUND", what);
    }
    const [{ n }] = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.rights_request WHERE subject_id = ANY($1::uuid[])`, [[onRequest.id, retired.id]]);
    assert.equal(n, 1, "the one request is the erasure on request; the repeated erasures opened none");
  });

  test("every staff role with every purpose it may declare gets the same answer for both; only LEGAL_TAX sees the held invoice and payment", async () => {
    for (const role of ROLES.filter((r) => r !== "customer")) {
      for (const purpose of ROLE_GRANTS[role].purposes) {
        const answer = await bothAnswer(SUBJECT, () => gw.as(role, purpose), `${role}/${purpose}`);
        if (purpose !== "LEGAL_TAX") {
          assert.equal(code(answer), purpose === "ANALYTICS" || purpose === "IMPROVEMENT" ? "FORBIDDEN" : "NOT_FOUND", `${role}/${purpose}`);
          continue;
        }
        const s = answer.body.data.subject;
        assert.deepEqual([s.id, s.customerNumber, s.firstName, s.email, s.address?.street ?? null], ["SUBJECT", "CUSTOMER_NUMBER", null, null, null]);
        assert.deepEqual(s.invoices.map((i: any) => [i.id, i.invoiceNumber, i.invoiceDate]), [["billing.invoice#2", "2019-N", "2019-03-01"]]);
        assert.deepEqual(s.payments.map((p: any) => [p.id, p.invoiceId]), [["billing.payment#2", "billing.invoice#2"]]);
        assert.deepEqual([s.paymentMethods ?? [], s.loginEvents ?? [], s.ipLog?.edges ?? []], [[], [], []]);
      }
    }
    const officer = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    assert.equal(code(await bothAnswer(REPORT, officer, "the officer's access report")), "NOT_FOUND");
    const listed = await gw.graphql<any>(`{ subjects(first: 100) { edges { node { id } } } }`, await gw.as("support", "CONTACT"));
    const ids = listed.body.data.subjects.edges.map((e: any) => e.node.id);
    assert.deepEqual([ids.includes(onRequest.id), ids.includes(retired.id)], [false, false], "neither is listed");
  });

  test("the same rows are left in every store, and the same hold rows", async () => {
    const left = async (s: SubjectFixture) => {
      const counts: Record<string, number> = {};
      for (const rows of ROWS) counts[rows[1]] = (await rowsOf(s, rows)).length;
      const holds = await gw.dbs.stores.privacy.query(`SELECT record_type, kind, basis, to_char(expires_at, 'YYYY-MM-DD') AS expires_at, source
        FROM privacy.legal_hold WHERE subject_id = $1 ORDER BY record_type`, [s.id]);
      const directives = await gw.dbs.stores.privacy.query(`SELECT kind FROM privacy.subject_directive WHERE subject_id = $1 ORDER BY kind`, [s.id]);
      return { counts, holds, directives };
    };
    const [a, b] = [await left(onRequest), await left(retired)];
    assert.deepEqual(b, a);
    assert.deepEqual(a.counts, { "crm.customer": 0, "auth.account": 0, "auth.login_event": 0, "weblog.access_log": 0,
      "billing.invoice": 1, "billing.payment": 1, "billing.payment_method": 0 });
    const until = fiscalRetentionEnd("2019-03-01");
    assert.deepEqual(a.holds, ["invoice", "payment"].map((record_type) => ({ record_type, kind: "FISCAL", basis: FISCAL_HOLD_BASIS, expires_at: until, source: "billing" })));
    assert.deepEqual(a.directives, []);
  });
});
