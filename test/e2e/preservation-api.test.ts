import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { utcDate } from "../../src/policy/retention";

const DAY = 86_400_000;
const ERASE = `mutation($id: ID!, $r: ID) { eraseSubject(subjectId: $id, requestId: $r) { status
  sources { source status erased { table count } kept { recordType recordId reason until } } } }`;
const REPORT = `query($id: ID!) { accessReport(subjectId: $id) { json } }`;

/**
 * Preservation orders (Sv 126ni) and confidentiality (Sv 126bb, UAVG art. 41) through HTTP: the holds an
 * approved order places, erasure keeping exactly the held records, and what the subject may and may not see.
 */
describe(`preservation and confidentiality through the API (${engineName()})`, () => {
  let gw: TestGateway;
  // Every moment below is computed from the gateway's pinned clock.
  const at = (offsetDays: number) => new Date(gw.clock.now().getTime() + offsetDays * DAY).toISOString();
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;
  const legal = () => gw.as("legal_officer", "LEGAL_DISCLOSURE");
  const privacy = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  const rows = (store: "crm" | "auth" | "weblog" | "billing" | "privacy", sql: string, params: unknown[] = []) =>
    gw.dbs.stores[store].query(sql, params) as Promise<any[]>;

  async function record(subject: SubjectFixture, over: Record<string, unknown>) {
    const res = await gw.graphql<any>(`mutation($i: RecordLegalDemandInput!) { recordLegalDemand(input: $i) { id status refusals } }`, { ...(await legal()), variables: { i: {
      authority: "Openbaar Ministerie Rotterdam", officerName: "mr. K. Bakker", officerNumber: "OM-1200", issuerType: "PUBLIC_PROSECUTOR",
      basis: "SV_126NI", caseReference: "10/990011-26", subject: { subjectId: subject.id }, categories: ["IP_ADDRESS", "ACCOUNT_ACTIVITY"],
      from: at(-30), to: at(0), channel: "WRITTEN", receivedAt: at(0), documentSha256: "12".repeat(32), preservationDays: 90, ...over } } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    return res.body.data.recordLegalDemand;
  }
  const approve = async (id: string) =>
    gw.graphql<any>(`mutation($id: ID!) { approveLegalDemand(id: $id) { status decidedAt } }`, { ...(await privacy()), variables: { id } });

  /** A subject with activity inside the order's range (3 and 1 days ago; a line 2 days ago) and outside it (40 and 50 days ago). */
  async function active(): Promise<SubjectFixture & { inside: string[]; outside: string[] }> {
    const s = await createSubject(gw.dbs.stores, { loginEvents: 0, accessLogs: 0 });
    const ev = async (days: number) => (await rows("auth", `INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
      VALUES ($1, $2, '198.51.100.7', true, 'ua') RETURNING id`, [s.accountId, at(days)]))[0].id as string;
    const line = async (days: number) => (await rows("weblog", `INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
      VALUES ($1, '198.51.100.7', 'GET', '/', 200, 'ua', $2) RETURNING id`, [at(days), s.accountId]))[0].id as string;
    return { ...s, inside: [await ev(-3), await ev(-1), await line(-2)], outside: [await ev(-40), await line(-50)] };
  }

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-10-02T08:00:00.000Z");
  });
  after(() => gw.close());

  test("a preservation order of 90 days is accepted and holds exactly the covered records; 91 days is refused", async () => {
    const s = await active();
    const long = await record(s, { preservationDays: 91 });
    assert.deepEqual([long.status, long.refusals], ["REFUSED", ["PRESERVATION_TOO_LONG"]]);
    const d = await record(s, {});
    assert.equal(d.status, "RECORDED");
    assert.equal((await approve(d.id)).body.data.approveLegalDemand.status, "APPROVED");
    const holds = await rows("privacy", `SELECT source, record_type, record_id, kind, to_char(expires_at, 'YYYY-MM-DD') AS until, demand_id
      FROM privacy.legal_hold WHERE subject_id = $1 ORDER BY source, record_type`, [s.id]);
    assert.deepEqual(holds.map((h) => h.record_id).sort(), [...s.inside, s.accountId].sort(), "the range's activity and the account's last login");
    assert.ok(holds.every((h) => h.kind === "PRESERVATION" && h.demand_id === d.id && h.until === utcDate(new Date(at(90)))));
    const trail = await rows("privacy", `SELECT entry FROM privacy.audit_event WHERE action = 'LEGAL_HOLD_PLACED'`);
    assert.ok(trail.some((e) => JSON.parse(e.entry).detail.demandId === d.id && JSON.parse(e.entry).detail.holds === 4));
    assert.ok(!JSON.stringify(trail).includes("198.51.100.7") && !JSON.stringify(trail).includes(s.accountId!), "no record ids, no values");
  });

  test("erasure during the hold keeps exactly the held records and deletes the rest; the subject is not told of the hold, the officer is", async () => {
    const bob = await active();
    const carol = await active();
    for (const s of [bob, carol]) await approve((await record(s, {})).id);

    const own = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", undefined, bob.id)), variables: { id: bob.id } });
    assert.equal(own.body.errors, undefined, JSON.stringify(own.body.errors));
    const shown = JSON.stringify(own.body.data.eraseSubject);
    for (const id of [...bob.inside, bob.accountId!]) assert.ok(!shown.includes(id), "the subject's result names no preserved record");
    assert.doesNotMatch(shown, /126ni|preservation/i);
    // It reads as any erasure's: every row of the subject counted as erased.
    const count = (source: string, table: string) => own.body.data.eraseSubject.sources.find((x: any) => x.source === source)
      .erased.find((e: any) => e.table === table)?.count;
    assert.deepEqual([count("AUTH", "login_event"), count("AUTH", "account"), count("WEBLOG", "access_log"), count("CRM", "customer")], [3, 1, 2, 1]);

    const left = async (s: typeof bob) => ({
      events: (await rows("auth", `SELECT id FROM auth.login_event WHERE account_id = $1`, [s.accountId])).map((r) => r.id).sort(),
      lines: (await rows("weblog", `SELECT id FROM weblog.access_log WHERE account_id = $1`, [s.accountId])).map((r) => r.id).sort(),
      account: (await rows("auth", `SELECT id FROM auth.account WHERE id = $1`, [s.accountId])).length,
      customer: (await rows("crm", `SELECT id FROM crm.customer WHERE id = $1`, [s.id])).length,
    });
    assert.deepEqual(await left(bob), { events: bob.inside.slice(0, 2).sort(), lines: [bob.inside[2]], account: 1, customer: 0 });

    // The officer erasing on a verified request sees what is kept under the order, and why.
    const officer = await privacy();
    const req = await gw.graphql<any>(`mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id } }`,
      { ...officer, variables: { in: { subjectId: carol.id, type: "ERASE", channel: "EMAIL", receivedAt: at(0) } } });
    const requestId = req.body.data.submitPrivacyRequest.id;
    await gw.graphql(`mutation($id: ID!) { verifyPrivacyRequest(id: $id, method: EMAIL_CHALLENGE) { status } }`, { ...officer, variables: { id: requestId } });
    const res = await gw.graphql<any>(ERASE, { ...officer, variables: { id: carol.id, r: requestId } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const auth = res.body.data.eraseSubject.sources.find((x: any) => x.source === "AUTH");
    assert.deepEqual(auth.kept.map((k: any) => k.recordId).sort(), [...carol.inside.slice(0, 2), carol.accountId].sort());
    assert.ok(auth.kept.every((k: any) => k.reason.includes("126ni") && k.until === utcDate(new Date(at(90)))));
    assert.deepEqual(await left(carol), { events: carol.inside.slice(0, 2).sort(), lines: [carol.inside[2]], account: 1, customer: 0 });
  });

  test("an order on identifying data keeps the crm record through erasure: the subject is then gone for every purpose but the law's", async () => {
    const erin = await createSubject(gw.dbs.stores);
    const order = await record(erin, { categories: ["NAME", "ADDRESS"], from: null, to: null, preservationDays: 30 });
    await approve(order.id);
    const customer = await gw.as("customer", undefined, erin.id);
    const erased = await gw.graphql<any>(ERASE, { ...customer, variables: { id: erin.id } });
    assert.equal(erased.body.data.eraseSubject.status, "COMPLETED");
    const crm = erased.body.data.eraseSubject.sources.find((x: any) => x.source === "CRM");
    assert.deepEqual([crm.erased, crm.kept], [[{ table: "customer", count: 1 }], []], "the subject is told its record is erased");
    const [row] = await rows("crm", `SELECT first_name, postal_code FROM crm.customer WHERE id = $1`, [erin.id]);
    assert.equal(row.first_name, erin.firstName, "kept unchanged for the order");

    // The subject's own token reaches nothing, exactly as after any erasure.
    const me = await gw.graphql<any>(`{ me { firstName } }`, customer);
    assert.deepEqual([code(me), me.body.data?.me ?? null], ["NOT_FOUND", null]);
    const report = await gw.graphql<any>(REPORT, { ...customer, variables: { id: erin.id } });
    assert.equal(code(report), "NOT_FOUND");
    // Staff purposes find a restricted subject with nothing to read; the privacy officer still sees what is kept.
    const support = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName } }`, { ...(await gw.as("support", "CONTACT")), variables: { id: erin.id } });
    assert.deepEqual([code(support), support.body.data.subject.firstName], ["PROCESSING_RESTRICTED", null]);
    const officer = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName } }`, { ...(await privacy()), variables: { id: erin.id } });
    assert.equal(officer.body.data.subject.firstName, erin.firstName);
    // What the order preserved can still be produced on a later demand.
    const later = await record(erin, { basis: "SV_126ND", categories: ["NAME"], from: null, to: null, preservationDays: null });
    await approve(later.id);
    const out = await gw.graphql<any>(`mutation($id: ID!) { executeDisclosure(demandId: $id) { payload } }`, { ...(await legal()), variables: { id: later.id } });
    assert.equal(JSON.parse(out.body.data.executeDisclosure.payload).sources.crm.customer.firstName, erin.firstName);
  });

  test("the subject's access report shows nothing of a confidential disclosure; once lifted, the recipient entry", async () => {
    const dana = await createSubject(gw.dbs.stores);
    const d = await record(dana, { basis: "SV_126ND", categories: ["NAME", "EMAIL"], from: null, to: null, preservationDays: null });
    await approve(d.id);
    const executed = await gw.graphql<any>(`mutation($id: ID!) { executeDisclosure(demandId: $id) { demand { status } } }`, { ...(await legal()), variables: { id: d.id } });
    assert.equal(executed.body.data.executeDisclosure.demand.status, "EXECUTED");
    const customer = await gw.as("customer", undefined, dana.id);
    const before = await gw.graphql<any>(REPORT, { ...customer, variables: { id: dana.id } });
    assert.deepEqual(before.body.data.accessReport.json.gateway.disclosures, []);
    assert.doesNotMatch(JSON.stringify(before.body), /Openbaar|126nd|10\/990011/);

    const lift = `mutation($id: ID!, $e: String!, $n: String!) { liftConfidentiality(demandId: $id, evidenceSha256: $e, note: $n) { confidential confidentialityLiftedAt } }`;
    const byLegal = await gw.graphql<any>(lift, { ...(await legal()), variables: { id: d.id, e: "34".repeat(32), n: "case closed" } });
    assert.equal(code(byLegal), "FORBIDDEN", "a privacy officer lifts it");
    const badHash = await gw.graphql<any>(lift, { ...(await privacy()), variables: { id: d.id, e: "not-a-hash", n: "x" } });
    assert.equal(code(badHash), "BAD_USER_INPUT");
    const lifted = await gw.graphql<any>(lift, { ...(await privacy()), variables: { id: d.id, e: "34".repeat(32), n: "the prosecutor's letter of today" } });
    assert.equal(lifted.body.data.liftConfidentiality.confidential, false);
    assert.equal(code(await gw.graphql<any>(lift, { ...(await privacy()), variables: { id: d.id, e: "34".repeat(32), n: "again" } })), "BAD_USER_INPUT");

    const afterwards = await gw.graphql<any>(REPORT, { ...customer, variables: { id: dana.id } });
    assert.deepEqual(afterwards.body.data.accessReport.json.gateway.disclosures, [{ recipient: "Openbaar Ministerie Rotterdam", legalBasis: "Sv art. 126nd",
      categories: "NAME; EMAIL", firstDisclosedAt: at(0), lastDisclosedAt: at(0) }]);
    const trail = await rows("privacy", `SELECT entry FROM privacy.audit_event WHERE action = 'LEGAL_DEMAND_CONFIDENTIALITY_LIFTED'`);
    assert.equal(trail.length, 1);
    assert.doesNotMatch(JSON.stringify(trail), /prosecutor's letter|3434/);

    const closed = await gw.graphql<any>(`mutation($id: ID!) { closeLegalDemand(id: $id) { status closedAt } }`, { ...(await legal()), variables: { id: d.id } });
    assert.deepEqual(closed.body.data.closeLegalDemand, { status: "CLOSED", closedAt: at(0) });
  });
});
