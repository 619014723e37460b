import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { ROLES } from "../../src/policy/roles";

/** Recording and deciding legal demands through HTTP, with the permission rules in front (SPEC §7). */
describe(`legal demands through the API (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;
  // The moment the address was used; the demand arrives a day later on the gateway's clock.
  const MOMENT = "2026-10-01T14:03:00.000Z";
  const arrival = () => gw.clock.now().toISOString();
  const legal = () => gw.as("legal_officer", "LEGAL_DISCLOSURE");
  const privacy = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  const FIELDS = "id status basis subjectId categories refusals refusalTexts confidential writtenCopyDueAt recordedBy decidedBy rejectionReasons";
  const record = `mutation($input: RecordLegalDemandInput!) { recordLegalDemand(input: $input) { ${FIELDS} } }`;
  const approve = `mutation($id: ID!) { approveLegalDemand(id: $id) { ${FIELDS} } }`;
  const list = `query($s: LegalDemandStatus) { legalDemands(status: $s, first: 50) { edges { node { id status } } pageInfo { hasNextPage } } }`;
  const input = (over: Record<string, unknown> = {}) => ({
    authority: "Politie Eenheid Amsterdam", officerName: "J. de Vries", officerNumber: "PA-4411", issuerType: "POLICE_OFFICER",
    basis: "SV_126NC", caseReference: "PL1300-2026-000123", subject: { ip: "192.0.2.15", at: MOMENT },
    categories: ["NAME", "ADDRESS"], channel: "WRITTEN", receivedAt: arrival(), documentSha256: "ab".repeat(32), ...over,
  });

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-10-02T08:00:00.000Z");
    anne = await createSubject(gw.dbs.stores);
    await gw.dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent)
      VALUES ($1, $2, '192.0.2.15', true, 'test')`, [anne.accountId, MOMENT]);
  });
  after(() => gw.close());

  test("the legal officer records a demand naming its subject by IP address and moment; it waits for four eyes", async () => {
    const res = await gw.graphql<any>(record, { ...(await legal()), variables: { input: input() } });
    assert.equal(res.body.errors, undefined);
    const d = res.body.data.recordLegalDemand;
    assert.deepEqual([d.status, d.basis, d.subjectId, d.categories, d.refusals, d.confidential, d.recordedBy],
      ["RECORDED", "SV_126NC", anne.id, ["NAME", "ADDRESS"], [], true, "test-legal_officer"]);

    // The same person as privacy officer (a second token) may not approve it; another privacy officer may.
    const twice = await gw.tokens.sign({ sub: "test-legal_officer", role: "privacy_officer" });
    const self = await gw.graphql<any>(approve, { token: twice, purpose: "DATA_SUBJECT_RIGHTS", variables: { id: d.id } });
    assert.equal(code(self), "FORBIDDEN");
    const ok = await gw.graphql<any>(approve, { ...(await privacy()), variables: { id: d.id } });
    assert.deepEqual([ok.body.data.approveLegalDemand.status, ok.body.data.approveLegalDemand.decidedBy], ["APPROVED", "test-privacy_officer"]);
    const approved = await gw.graphql<any>(list, { ...(await privacy()), variables: { s: "APPROVED" } });
    assert.deepEqual(approved.body.data.legalDemands.edges.map((e: any) => e.node.id), [d.id]);
  });

  test("a demand the law does not allow comes back REFUSED with every reason in codes and words", async () => {
    const res = await gw.graphql<any>(record, { ...(await legal()), variables: { input: input({
      basis: "SV_126ND", categories: ["IP_ADDRESS"], channel: "ORAL", documentSha256: null, subject: { ip: "192.0.2.15", at: "2026-10-01T16:00:00Z" },
    }) } });
    const d = res.body.data.recordLegalDemand;
    assert.deepEqual(d.refusals, ["ISSUER_TOO_LOW", "TIME_RANGE_REQUIRED", "SUBJECT_NOT_FOUND"]);
    assert.equal(d.status, "REFUSED");
    assert.equal(d.refusalTexts.length, 3);
    const rejected = await gw.graphql<any>(`mutation($id: ID!) { rejectLegalDemand(id: $id, reasons: ["x"]) { id } }`, { ...(await privacy()), variables: { id: d.id } });
    assert.equal(code(rejected), "BAD_USER_INPUT", "a refused demand is never decided");
  });

  test("malformed input is BAD_USER_INPUT without echoing it; nothing is recorded", async () => {
    const before = await gw.graphql<any>(list, await legal());
    for (const over of [{ subject: { email: "a@example.nl", customerNumber: "K1" } }, { documentSha256: "not-a-hash" }, { officerName: " " },
      { subject: { ip: "999.1.1.1", at: MOMENT } }]) {
      const res = await gw.graphql<any>(record, { ...(await legal()), variables: { input: input(over) } });
      assert.equal(code(res), "BAD_USER_INPUT", JSON.stringify(over));
      assert.doesNotMatch(JSON.stringify(res.body), /not-a-hash|999\.1|a@example/);
    }
    const afterwards = await gw.graphql<any>(list, await legal());
    assert.equal(afterwards.body.data.legalDemands.edges.length, before.body.data.legalDemands.edges.length);
  });

  test("only the legal officer records (and written copies), only a privacy officer decides, only those two read the register", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const role of ROLES) {
      const as = await gw.as(role, A_PURPOSE_OF[role], role === "customer" ? anne.id : undefined);
      const read = await gw.graphql<any>(list, as);
      const rec = await gw.graphql<any>(record, { ...as, variables: { input: input() } });
      const dec = await gw.graphql<any>(approve, { ...as, variables: { id } });
      const copy = await gw.graphql<any>(`mutation($id: ID!) { recordWrittenCopy(id: $id, documentSha256: "${"ab".repeat(32)}") { id } }`, { ...as, variables: { id } });
      assert.equal(code(copy), role === "legal_officer" ? "NOT_FOUND" : "FORBIDDEN", `${role} records a written copy`);
      assert.equal(code(read) ?? "OK", ["legal_officer", "privacy_officer"].includes(role) ? "OK" : "FORBIDDEN", `${role} reads`);
      assert.equal(code(rec) ?? "OK", role === "legal_officer" ? "OK" : "FORBIDDEN", `${role} records`);
      const report = await gw.graphql<any>(`{ transparencyReport(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { total { received } markdown } }`, as);
      assert.equal(code(report) ?? "OK", role === "privacy_officer" ? "OK" : "FORBIDDEN", `${role} reads the transparency report`);
      assert.equal(code(dec), role === "privacy_officer" ? "NOT_FOUND" : "FORBIDDEN", `${role} decides`);
    }
  });
  test("the transparency report counts what was recorded in the period, and names no one", async () => {
    const res = await gw.graphql<any>(`query($f: DateTimeISO!, $t: DateTimeISO!) { transparencyReport(from: $f, to: $t) {
      rows { basis received refused approved } total { received refused approved } subjectsAffected markdown } }`,
      { ...(await privacy()), variables: { f: "2026-10-01T00:00:00Z", t: "2026-11-01T00:00:00Z" } }); // the clock's month
    assert.equal(res.body.errors, undefined);
    const r = res.body.data.transparencyReport;
    const register = await gw.graphql<any>(`{ legalDemands(first: 100) { edges { node { status receivedAt } } } }`, await privacy());
    const inPeriod = register.body.data.legalDemands.edges.map((e: any) => e.node).filter((d: any) => d.receivedAt.startsWith("2026-10"));
    assert.equal(r.total.received, inPeriod.length);
    assert.equal(r.total.refused, inPeriod.filter((d: any) => d.status === "REFUSED").length);
    assert.doesNotMatch(r.markdown, new RegExp(`${anne.id}|Politie|de Vries|PL1300`));
    const inverted = await gw.graphql<any>(`{ transparencyReport(from: "2027-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { markdown } }`, await privacy());
    assert.equal(code(inverted), "BAD_USER_INPUT");
  });
});
