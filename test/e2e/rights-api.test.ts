import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { DAY_MS } from "../../src/common/clock";

/** Access report, rectification and rights requests through HTTP, with the permission rules in front. */
describe(`data-subject rights through the API (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores, { invoices: 2 });
    bert = await createSubject(gw.dbs.stores);
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
      (await gw.dbs.stores.billing.query(`SELECT invoice_number FROM billing.invoice WHERE customer_number = $1`, [anne.customerNumber]))
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
    const [row] = await gw.dbs.stores.crm.query(`SELECT postal_code, phone FROM crm.customer WHERE id = $1`, [anne.id]);
    assert.deepEqual(row, { postal_code: "1017 AB", phone: "+31687654321" });

    const badPostcode = await gw.graphql(rectify, { ...customer, variables: { id: anne.id, in: { postalCode: "ABCD 12" } } });
    assert.equal(code(badPostcode), "BAD_USER_INPUT");
    assert.doesNotMatch(JSON.stringify(badPostcode.body), /ABCD 12/, "the value is not echoed");
    const bsn = await gw.graphql(rectify, { ...customer, variables: { id: anne.id, in: { notes: "mijn bsn is 111222333" } } });
    assert.equal(code(bsn), "BAD_USER_INPUT");
    const [after] = await gw.dbs.stores.crm.query(`SELECT postal_code, notes FROM crm.customer WHERE id = $1`, [anne.id]);
    assert.equal(after.postal_code, "1017 AB");
    assert.doesNotMatch(after.notes ?? "", /111222333/);

    assert.equal(code(await gw.graphql(rectify, { ...customer, variables: { id: bert.id, in: { city: "Utrecht" } } })), "FORBIDDEN");
    assert.equal(code(await gw.graphql(rectify, { ...(await gw.as("billing", "SERVICE_BILLING")), variables: { id: anne.id, in: { city: "Utrecht" } } })), "FORBIDDEN");
  });

  test("rights requests: the privacy officer records an e-mail request due in 28 days and verifies it by ID document", async () => {
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    // Three days ago by the gateway's clock: due 25 days from now.
    const received = new Date(gw.clock.now().getTime() - 3 * DAY_MS);
    const receivedAt = received.toISOString();
    const submitted = await gw.graphql<any>(`mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id status dueAt complaintRoute } }`,
      { ...officer, variables: { in: { subjectId: anne.id, type: "ERASE", channel: "EMAIL", receivedAt } } });
    assert.equal(submitted.body.errors, undefined);
    const req = submitted.body.data.submitPrivacyRequest;
    assert.equal(req.status, "RECEIVED");
    assert.equal(req.dueAt, new Date(received.getTime() + 28 * DAY_MS).toISOString());

    const verify = `mutation($id: ID!, $a: IdDocumentAttestationsInput) { verifyPrivacyRequest(id: $id, method: ID_DOCUMENT, attestations: $a) { status verificationMethod } }`;
    const partial = await gw.graphql(verify, { ...officer, variables: { id: req.id, a: { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: false } } });
    assert.equal(code(partial), "BAD_USER_INPUT");
    const ok = await gw.graphql<any>(verify, { ...officer, variables: { id: req.id, a: { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: true } } });
    assert.deepEqual(ok.body.data.verifyPrivacyRequest, { status: "VERIFIED", verificationMethod: "ID_DOCUMENT" });

    const listed = async (filter: string) =>
      (await gw.graphql<any>(`{ privacyRequests(${filter}) { edges { node { id } } } }`, officer)).body.data.privacyRequests.edges.some((e: any) => e.node.id === req.id);
    assert.deepEqual([await listed("overdue: false"), await listed("dueSoon: false"), await listed("overdue: true")], [true, true, false]);
    try {
      // The deadline follows the gateway's clock: day 21, then one second past day 28.
      gw.clock.set(new Date(received.getTime() + 21 * DAY_MS));
      assert.deepEqual([await listed("dueSoon: true"), await listed("overdue: false")], [true, true]);
      gw.clock.set(new Date(received.getTime() + 28 * DAY_MS + 1000));
      assert.deepEqual([await listed("overdue: true"), await listed("overdue: false")], [true, false]);
    } finally {
      gw.clock.release();
    }
    assert.equal(code(await gw.graphql(`{ privacyRequests { edges { cursor } } }`, await gw.as("support", "CONTACT"))), "FORBIDDEN");
  });

  test("a customer token sees its own subject's requests with status and due date, never another's; other staff stay out", async () => {
    const [dora, emil] = [await createSubject(gw.dbs.stores), await createSubject(gw.dbs.stores)];
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const submitted = await gw.graphql<any>(`mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id dueAt } }`,
      { ...officer, variables: { in: { subjectId: dora.id, type: "ERASE", channel: "EMAIL", notes: "belde twee keer" } } });
    const emailed = submitted.body.data.submitPrivacyRequest;
    const [doraToken, emilToken] = [await gw.as("customer", undefined, dora.id), await gw.as("customer", undefined, emil.id)];
    await gw.graphql(report, { ...emilToken, variables: { id: emil.id } });
    const emilsRequest = (await gw.graphql<any>(`{ privacyRequests { edges { node { id type } } } }`, emilToken)).body.data.privacyRequests.edges;
    assert.deepEqual(emilsRequest.map((e: any) => e.node.type), ["ACCESS"], "emil's own portal request only");

    const list = await gw.graphql<any>(`{ privacyRequests { edges { node { id subjectId type status dueAt handler handlerRole notes } } } }`, doraToken);
    assert.equal(list.body.errors, undefined);
    assert.deepEqual(list.body.data.privacyRequests.edges.map((e: any) => e.node), [
      { id: emailed.id, subjectId: dora.id, type: "ERASE", status: "RECEIVED", dueAt: emailed.dueAt, handler: null, handlerRole: "privacy_officer", notes: null },
    ], "the officer's staff id and handling notes are not the subject's to see");
    const one = await gw.graphql<any>(`query($id: ID!) { privacyRequest(id: $id) { id status dueAt } }`, { ...doraToken, variables: { id: emailed.id } });
    assert.deepEqual(one.body.data.privacyRequest, { id: emailed.id, status: "RECEIVED", dueAt: emailed.dueAt });

    // Emil's real request and an id that names nothing answer alike: the answer never reveals another's request.
    const byId = async (id: string) => gw.graphql<any>(`query($id: ID!) { privacyRequest(id: $id) { id } }`, { ...doraToken, variables: { id } });
    const other = await byId(emilsRequest[0].node.id);
    const none = await byId("00000000-0000-4000-8000-000000000000");
    assert.deepEqual([code(other), code(none)], ["NOT_FOUND", "NOT_FOUND"]);
    assert.equal(other.body.errors?.[0].message, none.body.errors?.[0].message);
    assert.equal(JSON.stringify(other.body).includes(emil.id), false);
    assert.equal(code(await gw.graphql(`query($id: ID!) { privacyRequests(subjectId: $id) { edges { cursor } } }`, { ...doraToken, variables: { id: emil.id } })), "FORBIDDEN");

    // The officer still sees everyone's, with the handler; staff without the rights capability see none.
    const officers = await gw.graphql<any>(`query($id: ID!) { privacyRequest(id: $id) { handler notes } }`, { ...officer, variables: { id: emailed.id } });
    assert.equal(officers.body.data.privacyRequest.notes, "belde twee keer");
    assert.notEqual(officers.body.data.privacyRequest.handler, null);
    for (const [role, purpose] of [["support", "CONTACT"], ["billing", "SERVICE_BILLING"], ["legal_officer", "LEGAL_DISCLOSURE"]] as const) {
      const staff = await gw.as(role, purpose);
      assert.equal(code(await gw.graphql(`{ privacyRequests { edges { cursor } } }`, staff)), "FORBIDDEN", role);
      assert.equal(code(await gw.graphql(`query($id: ID!) { privacyRequest(id: $id) { id } }`, { ...staff, variables: { id: emailed.id } })), "FORBIDDEN", role);
    }
  });

  const requestsOf = async (id: string) =>
    (await gw.graphql<any>(`query($id: ID!) { privacyRequests(subjectId: $id) { edges { node { id type channel status outcome handlerRole tasks { source status attempts } } } } }`,
      { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id } })).body.data.privacyRequests.edges.map((e: any) => e.node);

  test("portal reports and corrections are requests of their own, fulfilled at once; the next report lists them", async () => {
    const carl = await createSubject(gw.dbs.stores);
    const customer = await gw.as("customer", undefined, carl.id);
    await gw.graphql(report, { ...customer, variables: { id: carl.id } });
    await gw.graphql(report, { ...customer, variables: { id: carl.id, f: "CSV" } });
    const fixed = await gw.graphql<any>(`mutation($id: ID!, $in: RectifySubjectInput!) { rectifySubject(subjectId: $id, input: $in) { requestId } }`,
      { ...customer, variables: { id: carl.id, in: { city: "Zwolle" } } });
    const fulfilled = { channel: "PORTAL", status: "COMPLETED", outcome: "FULFILLED", handlerRole: null };
    const requests = await requestsOf(carl.id);
    assert.deepEqual(requests.map(({ id: _id, ...r }: any) => r).sort((a: any, b: any) => a.type.localeCompare(b.type)), [
      { type: "ACCESS", ...fulfilled, tasks: [] },
      { type: "PORTABILITY", ...fulfilled, tasks: [] },
      { type: "RECTIFY", ...fulfilled, tasks: [{ source: "CRM", status: "DONE", attempts: 1 }] },
    ]);
    assert.ok(requests.some((r: any) => r.id === fixed.body.data.rectifySubject.requestId));

    const next = await gw.graphql<any>(report, { ...customer, variables: { id: carl.id } });
    assert.deepEqual(next.body.data.accessReport.json.gateway.rightsRequests.map((r: any) => r.type), ["ACCESS", "PORTABILITY", "RECTIFY"]);
    const officerReport = await gw.graphql(report, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: carl.id } });
    assert.equal(officerReport.body.errors, undefined);
    assert.equal((await requestsOf(carl.id)).length, 4, "the officer's report adds none; the customer's third one does");
  });

  test("the officer erases only under a request: without requestId BAD_USER_INPUT, nothing erased, no request recorded", async () => {
    const erin = await createSubject(gw.dbs.stores);
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const res = await gw.graphql<any>(`mutation($id: ID!) { eraseSubject(subjectId: $id) { requestId status } }`, { ...officer, variables: { id: erin.id } });
    assert.equal(code(res), "BAD_USER_INPUT");
    assert.match(res.body.errors![0].message, /requestId must name a VERIFIED ERASE request/);
    const left = async (store: "crm" | "auth" | "billing", sql: string, key: string) => (await gw.dbs.stores[store].query(sql, [key]))[0].n;
    assert.deepEqual([
      await left("crm", `SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, erin.id),
      await left("auth", `SELECT count(*)::int AS n FROM auth.account WHERE customer_number = $1`, erin.customerNumber),
      await left("billing", `SELECT count(*)::int AS n FROM billing.invoice WHERE customer_number = $1`, erin.customerNumber),
    ], [1, 1, 3], "nothing erased");
    assert.deepEqual(await requestsOf(erin.id), [], "no request recorded");
    const holds = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.legal_hold WHERE subject_id = $1`, [erin.id]);
    assert.equal(holds[0].n, 0, "no hold registered");
  });

  test("the officer's corrections and reports without a request register none (the portal path is the subject's own)", async () => {
    const finn = await createSubject(gw.dbs.stores);
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const fixed = await gw.graphql<any>(`mutation($id: ID!) { rectifySubject(subjectId: $id, input: { city: "Delft" }) { requestId } }`, { ...officer, variables: { id: finn.id } });
    assert.deepEqual(fixed.body.data.rectifySubject, { requestId: null });
    for (const f of ["JSON", "CSV"]) assert.equal((await gw.graphql(report, { ...officer, variables: { id: finn.id, f } })).body.errors, undefined);
    assert.deepEqual(await requestsOf(finn.id), []);
  });

  test("privacyRequest: an id that cannot name a request is BAD_USER_INPUT; an unknown one is null", async () => {
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const one = `query($id: ID!) { privacyRequest(id: $id) { id } }`;
    const nope = await gw.graphql<any>(one, { ...officer, variables: { id: "nope" } });
    assert.deepEqual([code(nope), nope.body.data?.privacyRequest ?? null], ["BAD_USER_INPUT", null]);
    assert.doesNotMatch(nope.body.errors![0].message, /nope/, "the value is not echoed");
    const unknown = await gw.graphql<any>(one, { ...officer, variables: { id: "00000000-0000-4000-8000-000000000000" } });
    assert.deepEqual([unknown.body.errors, unknown.body.data.privacyRequest], [undefined, null]);
  });

  test("the officer works verified e-mail requests to completion: rectification and erasure name their requestId", async () => {
    const dora = await createSubject(gw.dbs.stores);
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const open = async (type: string) => {
      const r = await gw.graphql<any>(`mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id } }`,
        { ...officer, variables: { in: { subjectId: dora.id, type, channel: "EMAIL" } } });
      const id = r.body.data.submitPrivacyRequest.id;
      await gw.graphql(`mutation($id: ID!) { verifyPrivacyRequest(id: $id, method: EMAIL_CHALLENGE) { status } }`, { ...officer, variables: { id } });
      return id;
    };
    const rectification = await open("RECTIFY");
    const erasure = await open("ERASE");
    const fix = `mutation($id: ID!, $r: ID) { rectifySubject(subjectId: $id, input: { city: "Assen" }, requestId: $r) { requestId } }`;
    const wrong = await gw.graphql(fix, { ...officer, variables: { id: dora.id, r: erasure } });
    assert.equal(code(wrong), "BAD_USER_INPUT");
    const city = async () => (await gw.dbs.stores.crm.query(`SELECT city FROM crm.customer WHERE id = $1`, [dora.id]))[0]?.city;
    assert.notEqual(await city(), "Assen", "nothing written for a wrong request");
    const fixed = await gw.graphql<any>(fix, { ...officer, variables: { id: dora.id, r: rectification } });
    assert.equal(fixed.body.data.rectifySubject.requestId, rectification);
    assert.equal(await city(), "Assen");

    const erase = `mutation($id: ID!, $r: ID) { eraseSubject(subjectId: $id, requestId: $r) { requestId status } }`;
    assert.equal(code(await gw.graphql(erase, { ...officer, variables: { id: dora.id, r: rectification } })), "BAD_USER_INPUT");
    const erased = await gw.graphql<any>(erase, { ...officer, variables: { id: dora.id, r: erasure } });
    assert.deepEqual(erased.body.data.eraseSubject, { requestId: erasure, status: "COMPLETED" });
    assert.equal(await city(), undefined, "crm row gone");

    const byId = new Map<string, any>((await requestsOf(dora.id)).map((r: any) => [r.id, r]));
    assert.deepEqual([byId.size, byId.get(rectification).status, byId.get(rectification).handlerRole, byId.get(rectification).tasks],
      [2, "COMPLETED", "privacy_officer", [{ source: "CRM", status: "DONE", attempts: 1 }]]);
    assert.deepEqual([byId.get(erasure).channel, byId.get(erasure).status, byId.get(erasure).tasks.map((t: any) => `${t.source}:${t.status}`)],
      ["EMAIL", "COMPLETED", ["AUTH:DONE", "BILLING:DONE", "CRM:DONE", "PRIVACY:DONE", "WEBLOG:DONE"]]);
  });
});
