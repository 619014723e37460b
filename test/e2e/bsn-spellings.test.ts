import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/** The ways a BSN reaches a text field in practice (issue 16): each is refused, and nothing is stored. */
const SPELLINGS = [
  "bsn 111\u00a0222\u00a0333", // pasted with no-break spaces
  "bsn 111  222  333",
  "bsn 111/222/333",
  "bsn \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13", // full-width digits
];

describe(`a BSN however spelled is never stored (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  const rectify = `mutation($id: ID!, $in: RectifySubjectInput!) { rectifySubject(subjectId: $id, input: $in) { changedFields } }`;
  const submit = `mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id } }`;
  const notesOf = async () => (await gw.dbs.stores.crm.query(`SELECT notes FROM crm.customer WHERE id = $1`, [anne.id]))[0].notes;
  const requestsOf = async () =>
    (await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.rights_request WHERE subject_id = $1`, [anne.id]))[0].n;

  test("rectifySubject notes with each spelling: BAD_USER_INPUT, crm unchanged", async () => {
    const customer = await gw.as("customer", undefined, anne.id);
    const before = await notesOf();
    for (const notes of SPELLINGS) {
      const res = await gw.graphql<any>(rectify, { ...customer, variables: { id: anne.id, in: { notes } } });
      assert.equal(res.body.errors?.[0].extensions?.code, "BAD_USER_INPUT", JSON.stringify(notes));
      assert.equal(res.body.data?.rectifySubject ?? null, null);
      assert.doesNotMatch(JSON.stringify(res.body), /111|\uff11/, "the value is not echoed");
      assert.equal(await notesOf(), before, "crm.customer.notes unchanged");
    }
    assert.equal(await requestsOf(), 0, "no rights request was registered for a refused rectification");
    const ok = await gw.graphql<any>(rectify, { ...customer, variables: { id: anne.id, in: { notes: "factuur 2025-000168, bel +31 6 12345671" } } });
    assert.equal(ok.body.errors, undefined, "ordinary numbers are accepted");
    assert.equal(await notesOf(), "factuur 2025-000168, bel +31 6 12345671");
  });

  test("privacy request notes with each spelling: BAD_USER_INPUT, no request stored", async () => {
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const before = await requestsOf();
    for (const notes of SPELLINGS) {
      const res = await gw.graphql<any>(submit, { ...officer, variables: { in: { subjectId: anne.id, type: "ACCESS", channel: "EMAIL", notes } } });
      assert.equal(res.body.errors?.[0].extensions?.code, "BAD_USER_INPUT", JSON.stringify(notes));
    }
    assert.equal(await requestsOf(), before);
  });
});
