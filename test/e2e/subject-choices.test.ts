import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/** Consent, objection and restriction switch cells off (and back on) from the very next query. */
describe(`the subject's choices override the matrix (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  const read = `query($id: ID!) { subject(id: $id) { id firstName gender email invoices { status } loginEvents { ip } } }`;
  const codeAt = (res: any, field: string) => res.body.errors?.find((e: any) => e.path?.at(-1) === field)?.extensions?.code;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores);
    bert = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  const as = (role: any, purpose?: string, subjectId?: string) => gw.as(role, purpose, subjectId);
  const readAs = async (role: any, purpose: string, id = anne.id) => gw.graphql<any>(read, { ...(await as(role, purpose)), variables: { id } });
  const mutate = async (opts: { token: string; purpose?: string }, mutation: string) =>
    gw.graphql<any>(`mutation { ${mutation} { subjectId consents { purpose category status } objections { purpose } restriction { since } } }`, opts);

  const requestsOf = async (subjectId: string) => {
    const res = await gw.graphql<any>(`query($id: ID!) { privacyRequests(subjectId: $id) { edges { node { type channel status outcome } } } }`,
      { ...(await as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: subjectId } });
    assert.equal(res.body.errors, undefined);
    return res.body.data.privacyRequests.edges.map((e: any) => e.node) as { type: string; channel: string; status: string; outcome: string }[];
  };

  test("withdrawing consent for CONTACT × GENDER hides gender from CONTACT only, from the next query on", async () => {
    assert.equal((await readAs("support", "CONTACT")).body.data.subject.gender, "FEMALE");
    const customer = await as("customer", undefined, anne.id);
    const res = await mutate(customer, `withdrawConsent(subjectId: "${anne.id}", purpose: CONTACT, category: GENDER)`);
    assert.equal(res.body.errors, undefined);
    assert.deepEqual(res.body.data.withdrawConsent.consents.find((c: any) => c.purpose === "CONTACT"), { purpose: "CONTACT", category: "GENDER", status: "WITHDRAWN" });

    const contact = await readAs("support", "CONTACT");
    assert.equal(contact.body.data.subject.gender, null);
    assert.equal(codeAt(contact, "gender"), "CONSENT_WITHDRAWN");
    assert.equal(contact.body.data.subject.firstName, anne.firstName, "the rest still comes back");
    assert.equal((await readAs("billing", "SERVICE_BILLING")).body.data.subject.gender, "FEMALE", "SERVICE_BILLING consent still given");
    assert.equal((await readAs("support", "CONTACT", bert.id)).body.data.subject.gender, "FEMALE", "other subjects unaffected");
    const me = await gw.graphql<any>(`{ me { gender consents { purpose category status } } }`, customer);
    assert.equal(me.body.data.me.gender, "FEMALE", "the subject always sees its own data");
    assert.ok(me.body.data.me.consents.some((c: any) => c.purpose === "CONTACT" && c.status === "WITHDRAWN"));
    // The portal action is a rights request of its own, registered and fulfilled with the change.
    assert.deepEqual(await requestsOf(anne.id), [{ type: "WITHDRAW_CONSENT", channel: "PORTAL", status: "COMPLETED", outcome: "FULFILLED" }]);
  });

  test("an objection removes the legitimate-interest cells of that purpose", async () => {
    const officer = await as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    assert.equal((await mutate(officer, `objectToProcessing(subjectId: "${anne.id}", purpose: CONTACT)`)).body.errors, undefined);
    const contact = await readAs("support", "CONTACT");
    assert.equal(contact.body.data.subject.firstName, null);
    assert.equal(codeAt(contact, "firstName"), "OBJECTION_IN_FORCE");
    assert.equal((await readAs("support", "ORDERS")).body.data.subject.firstName, anne.firstName, "ORDERS rests on the contract");

    assert.equal((await mutate(officer, `objectToProcessing(subjectId: "${anne.id}", purpose: ANALYTICS)`)).body.errors, undefined);
    // Analysts list (they cannot look a subject up by id): anne's login events are withheld, bert's are not.
    const analytics = await gw.graphql<any>(`{ subjects(first: 10) { edges { node { loginEvents { occurredAt } } } } }`, await as("analyst", "ANALYTICS"));
    const nodes = analytics.body.data.subjects.edges.map((e: any) => e.node);
    assert.equal(nodes.length, 2);
    assert.equal(nodes.filter((n: any) => n.loginEvents === null).length, 1, "one subject objected");
    assert.deepEqual(analytics.body.errors?.map((e: any) => e.extensions?.code), ["OBJECTION_IN_FORCE"]);
    const notApplicable = await mutate(officer, `objectToProcessing(subjectId: "${anne.id}", purpose: LEGAL_TAX)`);
    assert.equal(notApplicable.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    // The officer acts on a request registered with submitPrivacyRequest: no portal request is made up here.
    assert.deepEqual((await requestsOf(anne.id)).map((r) => r.type), ["WITHDRAW_CONSENT"]);
  });

  test("a restriction leaves only LEGAL_TAX, LEGAL_DISCLOSURE and the subject's own rights; lifting it restores", async () => {
    const officer = await as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    assert.equal((await mutate(officer, `restrictProcessing(subjectId: "${bert.id}")`)).body.errors, undefined);
    const billing = await readAs("billing", "SERVICE_BILLING", bert.id);
    assert.equal(billing.body.data.subject.firstName, null);
    assert.equal(codeAt(billing, "firstName"), "PROCESSING_RESTRICTED");
    assert.equal(codeAt(billing, "invoices"), "PROCESSING_RESTRICTED");
    const tax = await readAs("finance", "LEGAL_TAX", bert.id);
    assert.equal(tax.body.data.subject.firstName, bert.firstName);
    assert.equal(tax.body.data.subject.invoices.length, 3);
    const own = await gw.graphql<any>(`{ me { firstName restriction { since } } }`, await as("customer", undefined, bert.id));
    assert.equal(own.body.data.me.firstName, bert.firstName);
    assert.ok(own.body.data.me.restriction.since);

    assert.equal((await mutate(officer, `liftRestriction(subjectId: "${bert.id}")`)).body.errors, undefined);
    assert.equal((await readAs("billing", "SERVICE_BILLING", bert.id)).body.data.subject.firstName, bert.firstName);
  });

  test("giving consent again and withdrawing an objection switch the cells back on from the next query, as portal requests", async () => {
    const erik = await createSubject(gw.dbs.stores);
    const customer = await as("customer", undefined, erik.id);
    const readErik = () => readAs("support", "CONTACT", erik.id);
    const status = `{ subjectId consents { purpose category status since policyVersion recordedByRole } objections { purpose } }`;
    const change = async (who: { token: string; purpose?: string }, m: string) => gw.graphql<any>(`mutation { ${m} ${status} }`, who);
    const contactGender = (res: any, field: string) => res.body.data[field].consents.find((c: any) => c.purpose === "CONTACT" && c.category === "GENDER");

    assert.equal((await change(customer, `withdrawConsent(subjectId: "${erik.id}", purpose: CONTACT, category: GENDER)`)).body.errors, undefined);
    assert.equal(codeAt(await readErik(), "gender"), "CONSENT_WITHDRAWN");
    const given = await change(customer, `giveConsent(subjectId: "${erik.id}", purpose: CONTACT, category: GENDER)`);
    assert.equal(given.body.errors, undefined);
    const cell = contactGender(given, "giveConsent");
    assert.deepEqual([cell.status, cell.recordedByRole, typeof cell.policyVersion, Number.isNaN(Date.parse(cell.since))], ["GIVEN", "customer", "string", false]);
    const back = await readErik();
    assert.equal(codeAt(back, "gender"), undefined);
    assert.equal(back.body.data.subject.gender, "FEMALE", "gender readable for CONTACT again");

    assert.equal((await change(customer, `objectToProcessing(subjectId: "${erik.id}", purpose: CONTACT)`)).body.errors, undefined);
    assert.equal(codeAt(await readErik(), "firstName"), "OBJECTION_IN_FORCE");
    const lifted = await change(customer, `withdrawObjection(subjectId: "${erik.id}", purpose: CONTACT)`);
    assert.deepEqual(lifted.body.data.withdrawObjection.objections, []);
    assert.equal((await readErik()).body.data.subject.firstName, erik.firstName, "CONTACT reads the name again");
    const again = await change(customer, `withdrawObjection(subjectId: "${erik.id}", purpose: CONTACT)`);
    assert.equal(again.body.errors?.[0].extensions?.code, "NOT_FOUND", "no objection in force any more");
    const notConsent = await change(customer, `giveConsent(subjectId: "${erik.id}", purpose: ORDERS, category: NAME)`);
    assert.equal(notConsent.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");

    // Like their siblings: each a portal request of its own, fulfilled with the change, and audited.
    assert.deepEqual((await requestsOf(erik.id)).map((r) => `${r.type} ${r.channel} ${r.status} ${r.outcome}`).sort(), [
      "GIVE_CONSENT PORTAL COMPLETED FULFILLED", "OBJECT PORTAL COMPLETED FULFILLED",
      "WITHDRAW_CONSENT PORTAL COMPLETED FULFILLED", "WITHDRAW_OBJECTION PORTAL COMPLETED FULFILLED",
    ]);
    const trail = await gw.graphql<any>(`query($id: ID!) { auditTrail(subjectId: $id, first: 50) { edges { node { action categories } } } }`,
      { ...(await as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: erik.id } });
    const actions = trail.body.data.auditTrail.edges.map((e: any) => e.node.action);
    assert.ok(actions.includes("CONSENT_GIVEN") && actions.includes("OBJECTION_WITHDRAWN"), actions.join());

    // Only the subject itself or the privacy officer; the officer's change registers no portal request.
    const other = await as("customer", undefined, anne.id);
    assert.equal((await change(other, `giveConsent(subjectId: "${erik.id}", purpose: CONTACT, category: GENDER)`)).body.errors?.[0].extensions?.code, "FORBIDDEN");
    assert.equal((await change(await as("support", "CONTACT"), `withdrawObjection(subjectId: "${erik.id}", purpose: CONTACT)`)).body.errors?.[0].extensions?.code, "FORBIDDEN");
    const officer = await as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    await change(officer, `objectToProcessing(subjectId: "${erik.id}", purpose: WEBSITE)`);
    assert.equal((await change(officer, `withdrawObjection(subjectId: "${erik.id}", purpose: WEBSITE)`)).body.errors, undefined);
    assert.equal((await requestsOf(erik.id)).length, 4);
  });

  test("only the subject itself or the privacy officer may change a subject's choices", async () => {
    const support = await mutate(await as("support", "CONTACT"), `restrictProcessing(subjectId: "${anne.id}")`);
    assert.equal(support.body.errors?.[0].extensions?.code, "FORBIDDEN");
    const otherCustomer = await mutate(await as("customer", undefined, bert.id), `restrictProcessing(subjectId: "${anne.id}")`);
    assert.equal(otherCustomer.body.errors?.[0].extensions?.code, "FORBIDDEN");
    const rows = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.subject_directive WHERE kind = 'RESTRICTION' AND subject_id = $1`, [anne.id]);
    assert.equal(rows[0].n, 0, "nothing was stored");
  });

  test("the officer's choices on a subject's behalf register no portal request (the portal path is the subject's own)", async () => {
    const carl = await createSubject(gw.dbs.stores);
    const officer = await as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    for (const m of [`withdrawConsent(subjectId: "${carl.id}", purpose: CONTACT, category: GENDER)`, `objectToProcessing(subjectId: "${carl.id}", purpose: WEBSITE)`,
      `restrictProcessing(subjectId: "${carl.id}")`, `liftRestriction(subjectId: "${carl.id}")`]) {
      assert.equal((await mutate(officer, m)).body.errors, undefined, m);
      assert.deepEqual(await requestsOf(carl.id), [], m);
    }
  });

  test("with the audit trail unwritable, a portal choice answers AUDIT_UNAVAILABLE (503) and nothing is stored", async () => {
    const dora = await createSubject(gw.dbs.stores);
    const privacy = gw.dbs.stores.privacy;
    const stored = async () => (await privacy.query(`SELECT (SELECT count(*) FROM privacy.subject_directive WHERE subject_id = $1)::int AS directives,
      (SELECT count(*) FROM privacy.rights_request WHERE subject_id = $1)::int AS requests`, [dora.id]))[0];
    await privacy.query(`ALTER FUNCTION privacy.append_audit(text[]) RENAME TO append_audit_off`);
    try {
      for (const who of [await as("customer", undefined, dora.id), await as("privacy_officer", "DATA_SUBJECT_RIGHTS")]) {
        for (const m of [`objectToProcessing(subjectId: "${dora.id}", purpose: CONTACT)`, `withdrawConsent(subjectId: "${dora.id}")`, `restrictProcessing(subjectId: "${dora.id}")`]) {
          const res = await mutate(who, m);
          assert.deepEqual([res.status, res.body.errors?.[0].extensions?.code], [503, "AUDIT_UNAVAILABLE"], m);
        }
      }
    } finally {
      await privacy.query(`ALTER FUNCTION privacy.append_audit_off(text[]) RENAME TO append_audit`);
    }
    assert.deepEqual(await stored(), { directives: 0, requests: 0 });
  });

  test("the gateway's records about a subject are for DATA_SUBJECT_RIGHTS only", async () => {
    const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { firstName consents { status } } }`, {
      ...(await as("billing", "SERVICE_BILLING")), variables: { id: bert.id } });
    assert.equal(res.body.data.subject.consents, null);
    assert.equal(codeAt(res, "consents"), "PURPOSE_NOT_ALLOWED");
  });
});
