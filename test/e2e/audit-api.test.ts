import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

const TRAIL = `query($subjectId: ID, $action: AuditAction) { auditTrail(first: 100, subjectId: $subjectId, action: $action) {
  edges { node { seq action actor role purpose subjectHash categories denied { field code } requestId } } } }`;

/** The audit trail through the API: what staff reads leave behind, who may see it, and that it cannot be forged. */
describe(`audit trail through the API (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let officer: { token: string; purpose?: string };

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores);
    officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  });
  after(() => gw.close());

  const trail = async (vars: Record<string, unknown>) => {
    const res = await gw.graphql<any>(TRAIL, { ...officer, variables: vars });
    assert.equal(res.body.errors, undefined);
    return res.body.data.auditTrail.edges.map((e: any) => e.node);
  };

  test("a staff read is recorded with actor, role, purpose, keyed subject, categories returned and fields refused", async () => {
    const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName email address { city } invoices { status } } }`, {
      ...(await gw.as("support", "CONTACT")), variables: { id: anne.id } });
    assert.equal(res.body.data.subject.firstName, anne.firstName);
    const [entry] = await trail({ subjectId: anne.id, action: "SUBJECT_READ" });
    assert.equal(entry.actor, "test-support");
    assert.equal(entry.role, "support");
    assert.equal(entry.purpose, "CONTACT");
    assert.deepEqual(entry.categories, ["EMAIL", "NAME"]);
    assert.deepEqual(entry.denied, [
      { field: "Address.city", code: "PURPOSE_NOT_ALLOWED" },
      { field: "Invoice.status", code: "PURPOSE_NOT_ALLOWED" },
    ]);
    assert.match(entry.subjectHash, /^[0-9a-f]{64}$/);
    const raw = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.audit_event WHERE entry LIKE $1`, [`%${anne.id}%`]);
    assert.equal(raw[0].n, 0, "the subject id itself is stored nowhere in the trail");
  });

  test("refusals are recorded: a missing purpose, and a customer reaching for another subject", async () => {
    const noPurpose = await gw.graphql(`{ subjects(first: 1) { edges { cursor } } }`, { token: await gw.token("support") });
    assert.equal(noPurpose.body.errors?.[0].extensions?.code, "PURPOSE_REQUIRED");
    const other = await createSubject(gw.dbs.stores);
    const forbidden = await gw.graphql(`query($id: ID!) { subject(id: $id) { firstName } }`, {
      ...(await gw.as("customer", undefined, anne.id)), variables: { id: other.id } });
    assert.equal(forbidden.body.errors?.[0].extensions?.code, "FORBIDDEN");
    const denials = await trail({ action: "DENIED" });
    assert.ok(denials.some((d: any) => d.role === "support" && d.purpose === null));
    assert.ok(denials.some((d: any) => d.role === "customer" && d.denied.some((x: any) => x.code === "FORBIDDEN")));
  });

  test("a purpose not granted is recorded with the purpose attempted; an unknown one is not echoed", async () => {
    const refused = await gw.graphql(`{ subjects(first: 1) { edges { cursor } } }`, await gw.as("analyst", "LEGAL_TAX"));
    assert.equal(refused.body.errors?.[0].extensions?.code, "PURPOSE_NOT_GRANTED");
    const junk = await gw.graphql(`{ subjects(first: 1) { edges { cursor } } }`, await gw.as("analyst", "NOT_A_PURPOSE"));
    assert.equal(junk.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    const [unknown, notGranted] = (await trail({ action: "DENIED" })).filter((d: any) => d.role === "analyst");
    assert.deepEqual([notGranted.purpose, unknown.purpose], ["LEGAL_TAX", null]);
  });

  test("a customer reading its own data is not a staff read", async () => {
    const before = (await trail({ subjectId: anne.id, action: "SUBJECT_READ" })).length;
    await gw.graphql(`{ me { firstName } }`, await gw.as("customer", undefined, anne.id));
    assert.equal((await trail({ subjectId: anne.id, action: "SUBJECT_READ" })).length, before);
  });

  test("only the privacy officer may read the trail or verify it", async () => {
    for (const [role, purpose] of [["support", "CONTACT"], ["analyst", "ANALYTICS"], ["customer", undefined]] as const) {
      const res = await gw.graphql(`{ auditIntegrity { ok } auditTrail { edges { cursor } } }`, {
        ...(await gw.as(role, purpose, role === "customer" ? anne.id : undefined)) });
      assert.deepEqual(res.body.errors?.map((e) => e.extensions?.code), ["FORBIDDEN", "FORBIDDEN"], role);
    }
  });

  test("concurrent audited requests keep one valid chain", async () => {
    const support = await gw.as("support", "CONTACT");
    const before = (await trail({ subjectId: anne.id, action: "SUBJECT_READ" })).length;
    const results = await Promise.all(Array.from({ length: 30 }, () =>
      gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName } }`, { ...support, variables: { id: anne.id } })));
    assert.ok(results.every((r) => r.body.data.subject.firstName === anne.firstName));
    assert.equal((await trail({ subjectId: anne.id, action: "SUBJECT_READ" })).length, before + 30);
    const integrity = await gw.graphql<any>(`{ auditIntegrity { ok checked firstBrokenSeq } }`, officer);
    assert.equal(integrity.body.data.auditIntegrity.ok, true);
  });

  test("an edit made directly in SQL (trigger disabled as superuser) is found at that entry", async () => {
    const [victim] = await trail({ subjectId: anne.id, action: "SUBJECT_READ" });
    await gw.dbs.stores.privacy.transaction(async (m) => {
      await m.query(`ALTER TABLE privacy.audit_event DISABLE TRIGGER audit_event_append_only`);
      await m.query(`UPDATE privacy.audit_event SET entry = replace(entry, '"CONTACT"', '"ORDERS"') WHERE seq = $1`, [victim.seq]);
      await m.query(`ALTER TABLE privacy.audit_event ENABLE TRIGGER audit_event_append_only`);
    });
    const res = await gw.graphql<any>(`{ auditIntegrity { ok firstBrokenSeq reason } }`, officer);
    assert.equal(res.body.data.auditIntegrity.ok, false);
    assert.equal(res.body.data.auditIntegrity.firstBrokenSeq, victim.seq);
  });

  test("when the trail cannot be written, no data leaves (AUDIT_UNAVAILABLE) and nothing is half-recorded", async () => {
    const privacy = gw.dbs.stores.privacy;
    await privacy.query(`ALTER FUNCTION privacy.append_audit(text[]) RENAME TO append_audit_off`);
    try {
      const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName } }`, {
        ...(await gw.as("support", "CONTACT")), variables: { id: anne.id } });
      assert.equal(res.status, 503);
      assert.equal(res.body.errors?.[0].extensions?.code, "AUDIT_UNAVAILABLE");
      assert.ok(!JSON.stringify(res.body).includes(anne.firstName));
    } finally {
      await privacy.query(`ALTER FUNCTION privacy.append_audit_off(text[]) RENAME TO append_audit`);
    }
  });
});
