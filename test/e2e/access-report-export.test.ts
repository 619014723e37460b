import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { strFromU8, unzipSync } from "fflate";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/** GET /access-report/export: the access report as a file, behind the same gate as accessReport. */
describe(`the access report download (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  const report = `query($id: ID!, $f: AccessReportFormat) { accessReport(subjectId: $id, format: $f) { json files { name content } } }`;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores, { invoices: 2 });
    bert = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  const download = (query: string, opts: { token?: string; purpose?: string } = {}) =>
    fetch(`${gw.url}/access-report/export?${query}`, {
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.purpose ? { "x-purpose": opts.purpose } : {}) },
    });
  const errorCode = async (res: Response) => ((await res.json()) as any).errors?.[0]?.extensions?.code;

  test("zip: every CSV file equals accessReport(format: CSV)'s, plus the JSON document; json: the document as an attachment", async () => {
    const customer = await gw.as("customer", undefined, anne.id);
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    // The report carries its time: one pinned clock makes the download and the GraphQL field comparable byte for
    // byte. The officer's reports register no request, so they list what the customer's first download will.
    gw.clock.set(new Date(gw.clock.now().getTime()));
    try {
      const csv = await gw.graphql<any>(report, { ...officer, variables: { id: anne.id, f: "CSV" } });
      const json = await gw.graphql<any>(report, { ...officer, variables: { id: anne.id, f: "JSON" } });
      const asJson = await download(`subjectId=${anne.id}&format=json`, officer);
      assert.equal(asJson.status, 200);
      assert.match(asJson.headers.get("content-type") ?? "", /^application\/json/);
      assert.match(asJson.headers.get("content-disposition") ?? "", /^attachment; filename=".+\.json"$/);
      assert.deepEqual(await asJson.json(), json.body.data.accessReport.json);

      const res = await download(`subjectId=${anne.id}&format=zip`, customer);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/zip");
      assert.match(res.headers.get("content-disposition") ?? "", /^attachment; filename="access-report-[0-9a-f-]+-\d{4}-\d{2}-\d{2}\.zip"$/);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const expected = csv.body.data.accessReport.files as { name: string; content: string }[];
      assert.deepEqual(Object.keys(files).sort(), [...expected.map((f) => f.name), "access-report.json"].sort());
      for (const f of expected) assert.equal(strFromU8(files[f.name]), f.content, f.name);
      assert.ok(expected.some((f) => f.name === "invoices.csv" && f.content.includes(anne.invoiceIds[0])));
      assert.deepEqual(JSON.parse(strFromU8(files["access-report.json"])), json.body.data.accessReport.json);
      assert.equal((await download(`subjectId=${anne.id}&format=json`, customer)).status, 200);
    } finally {
      gw.clock.release();
    }
    // Recorded like the field: a portal download is a fulfilled request of its own (zip: PORTABILITY, json: ACCESS).
    const requests = await gw.graphql<any>(`{ privacyRequests { edges { node { type channel status } } } }`, customer);
    const types = requests.body.data.privacyRequests.edges.map((e: any) => `${e.node.type} ${e.node.channel} ${e.node.status}`).sort();
    assert.deepEqual(types, ["ACCESS PORTAL COMPLETED", "PORTABILITY PORTAL COMPLETED"]);
  });

  test("the same gate as the GraphQL field: no token 401, another subject 403, other staff 403, wrong purpose 403, bad input 400", async () => {
    const before = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.rights_request WHERE subject_id = $1`, [bert.id]);
    const unauthenticated = await download(`subjectId=${anne.id}&format=zip`);
    assert.equal(unauthenticated.status, 401);
    assert.equal(unauthenticated.headers.get("www-authenticate"), "Bearer");
    assert.equal(await errorCode(unauthenticated), "UNAUTHENTICATED");

    const anneToken = await gw.as("customer", undefined, anne.id);
    const other = await download(`subjectId=${bert.id}&format=zip`, anneToken);
    const graphqlOther = await gw.graphql<any>(report, { ...anneToken, variables: { id: bert.id } });
    assert.equal(other.status, 403);
    assert.equal(await errorCode(other), graphqlOther.body.errors?.[0]?.extensions?.code, "the GraphQL field answers alike");
    const support = await download(`subjectId=${anne.id}&format=json`, await gw.as("support", "CONTACT"));
    assert.deepEqual([support.status, await errorCode(support)], [403, "FORBIDDEN"]);
    const officerOtherPurpose = await download(`subjectId=${anne.id}&format=json`, await gw.as("privacy_officer", "AUDIT"));
    assert.equal(officerOtherPurpose.status >= 400 && officerOtherPurpose.status < 500, true);
    const missing = await download(`subjectId=00000000-0000-4000-8000-000000000000&format=json`, await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS"));
    assert.deepEqual([missing.status, await errorCode(missing)], [404, "NOT_FOUND"]);
    const badFormat = await download(`subjectId=${anne.id}&format=pdf`, anneToken);
    assert.deepEqual([badFormat.status, await errorCode(badFormat)], [400, "BAD_USER_INPUT"]);
    const badId = await download(`subjectId=not-an-id&format=zip`, anneToken);
    assert.deepEqual([badId.status, await errorCode(badId)], [403, "FORBIDDEN"], "a customer names nobody else, malformed or not");
    const after = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.rights_request WHERE subject_id = $1`, [bert.id]);
    assert.deepEqual(after, before, "nothing was released for bert");

    // The refusal is in the audit trail, like a refused GraphQL field.
    const trail = await gw.graphql<any>(`{ auditTrail(action: DENIED, first: 100) { edges { node { denied { field code } } } } }`,
      await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS"));
    const denied = trail.body.data.auditTrail.edges.flatMap((e: any) => e.node.denied);
    assert.ok(denied.some((d: any) => d.field === "GET /access-report/export" && d.code === "FORBIDDEN"));
    // The officer downloads anyone's.
    const officer = await download(`subjectId=${bert.id}&format=json`, await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS"));
    assert.equal(officer.status, 200);
    assert.equal(((await officer.json()) as any).subject.id, bert.id);
  });
});
