import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/** Access report, rectification and rights requests through HTTP, with the permission rules in front. */
describe(`data-subject rights through the API (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.sources, { invoices: 2 });
    bert = await createSubject(gw.dbs.sources);
  });
  after(() => gw.close());

  const report = `query($id: ID!, $f: AccessReportFormat) { accessReport(subjectId: $id, format: $f) { subjectId formatVersion json files { name content } } }`;

  test("a customer gets its own access report as JSON and CSV; nobody else's, and not as staff", async () => {
    const customer = await gw.as("customer", undefined, anne.id);
    const json = await gw.graphql<any>(report, { ...customer, variables: { id: anne.id } });
    assert.equal(json.body.errors, undefined);
    const doc = json.body.data.accessReport.json;
    assert.equal(doc.formatVersion, "1");
    assert.deepEqual(doc.sources.billing.invoices.map((i: any) => i.invoiceNumber ?? i.invoice_number).sort(),
      (await gw.dbs.sources.billing.query(`SELECT invoice_number FROM billing.invoice WHERE customer_number = $1`, [anne.customerNumber]))
        .map((r: any) => r.invoice_number).sort());
    assert.doesNotMatch(JSON.stringify(doc), /\$scrypt\$/, "no password hash");
    const csv = await gw.graphql<any>(report, { ...customer, variables: { id: anne.id, f: "CSV" } });
    assert.ok(csv.body.data.accessReport.files.some((f: any) => f.name === "invoices.csv" && f.content.includes(anne.invoiceIds[0])));

    assert.equal(code(await gw.graphql(report, { ...customer, variables: { id: bert.id } })), "FORBIDDEN");
    assert.equal(code(await gw.graphql(report, { ...(await gw.as("support", "CONTACT")), variables: { id: anne.id } })), "FORBIDDEN");
    const officer = await gw.graphql<any>(report, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: bert.id } });
    assert.equal(officer.body.data.accessReport.subjectId, bert.id);
  });

  const rectify = `mutation($id: ID!, $in: RectifySubjectInput!) { rectifySubject(subjectId: $id, input: $in) { changedFields categories } }`;

  test("rectification: the customer corrects its own data in crm; invalid input and BSNs change nothing", async () => {
    const customer = await gw.as("customer", undefined, anne.id);
    const ok = await gw.graphql<any>(rectify, { ...customer, variables: { id: anne.id, in: { postalCode: "1017ab", phone: "+31687654321" } } });
    assert.equal(ok.body.errors, undefined);
    assert.deepEqual(ok.body.data.rectifySubject.categories.sort(), ["ADDRESS", "PHONE"]);
    const [row] = await gw.dbs.sources.crm.query(`SELECT postal_code, phone FROM crm.customer WHERE id = $1`, [anne.id]);
    assert.deepEqual(row, { postal_code: "1017 AB", phone: "+31687654321" });

    const badPostcode = await gw.graphql(rectify, { ...customer, variables: { id: anne.id, in: { postalCode: "ABCD 12" } } });
    assert.equal(code(badPostcode), "BAD_USER_INPUT");
    assert.doesNotMatch(JSON.stringify(badPostcode.body), /ABCD 12/, "the value is not echoed");
    const bsn = await gw.graphql(rectify, { ...customer, variables: { id: anne.id, in: { notes: "mijn bsn is 111222333" } } });
    assert.equal(code(bsn), "BAD_USER_INPUT");
    const [after] = await gw.dbs.sources.crm.query(`SELECT postal_code, notes FROM crm.customer WHERE id = $1`, [anne.id]);
    assert.equal(after.postal_code, "1017 AB");
    assert.doesNotMatch(after.notes ?? "", /111222333/);

    assert.equal(code(await gw.graphql(rectify, { ...customer, variables: { id: bert.id, in: { city: "Utrecht" } } })), "FORBIDDEN");
    assert.equal(code(await gw.graphql(rectify, { ...(await gw.as("billing", "SERVICE_BILLING")), variables: { id: anne.id, in: { city: "Utrecht" } } })), "FORBIDDEN");
  });

  test("rights requests: the privacy officer records an e-mail request due in 28 days and verifies it by ID document", async () => {
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const receivedAt = "2026-11-01T09:00:00.000Z";
    const submitted = await gw.graphql<any>(`mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id status dueAt complaintRoute } }`,
      { ...officer, variables: { in: { subjectId: anne.id, type: "ERASE", channel: "EMAIL", receivedAt } } });
    assert.equal(submitted.body.errors, undefined);
    const req = submitted.body.data.submitPrivacyRequest;
    assert.equal(req.status, "RECEIVED");
    assert.equal(req.dueAt, "2026-11-29T09:00:00.000Z");

    const verify = `mutation($id: ID!, $a: IdDocumentAttestationsInput) { verifyPrivacyRequest(id: $id, method: ID_DOCUMENT, attestations: $a) { status verificationMethod } }`;
    const partial = await gw.graphql(verify, { ...officer, variables: { id: req.id, a: { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: false } } });
    assert.equal(code(partial), "BAD_USER_INPUT");
    const ok = await gw.graphql<any>(verify, { ...officer, variables: { id: req.id, a: { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: true } } });
    assert.deepEqual(ok.body.data.verifyPrivacyRequest, { status: "VERIFIED", verificationMethod: "ID_DOCUMENT" });

    const list = await gw.graphql<any>(`{ privacyRequests(overdue: false) { edges { node { id status } } } }`, officer);
    assert.ok(list.body.data.privacyRequests.edges.some((e: any) => e.node.id === req.id));
    assert.equal(code(await gw.graphql(`{ privacyRequests { edges { cursor } } }`, await gw.as("support", "CONTACT"))), "FORBIDDEN");
    assert.equal(code(await gw.graphql(`{ privacyRequests { edges { cursor } } }`, await gw.as("customer", undefined, anne.id))), "FORBIDDEN");
  });
});
