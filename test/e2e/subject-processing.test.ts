import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { DATA_CATEGORIES } from "../../src/policy/categories";

const PROCESSING = `{ me { processing { category purposes { purpose basis lawfulBasis recipients inEffect suspendedBy } } } }`;
const REPORT = `query($id: ID!) { accessReport(subjectId: $id) { json } }`;
const REQUESTS = `{ privacyRequests(first: 100) { edges { node { type } } } }`;
const code = (res: any) => res.body.errors?.[0]?.extensions?.code;

/**
 * `Subject.processing` says per category what the access report's categories say about purposes (the same
 * function), follows the subject's choices at once, and — unlike the report — is not itself an access request.
 */
describe(`Subject.processing (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  const own = () => gw.as("customer", undefined, anne.id);
  const processing = async () => {
    const res = await gw.graphql<any>(PROCESSING, await own());
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    return res.body.data.me.processing as { category: string; purposes: any[] }[];
  };
  const cell = async (purpose: string, category: string) =>
    (await processing()).find((c) => c.category === category)!.purposes.find((p) => p.purpose === purpose);

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  test("per category the purposes, bases and recipients the access report states, in policy order", async () => {
    const mine = await processing();
    assert.deepEqual(mine.map((c) => c.category), [...DATA_CATEGORIES]);
    const report = (await gw.graphql<any>(REPORT, { ...(await own()), variables: { id: anne.id } })).body.data.accessReport.json;
    const pick = (p: any) => ({ purpose: p.purpose, basis: p.basis, lawfulBasis: p.lawfulBasis, recipients: p.recipients, inEffect: p.inEffect, suspendedBy: p.suspendedBy });
    assert.deepEqual(mine, report.categories.map((c: any) => ({ category: c.category, purposes: c.purposes.map(pick) })));
  });

  test("the subject's choices switch a processing off at once, and on again", async () => {
    assert.deepEqual(await cell("CONTACT", "GENDER").then((p) => [p.inEffect, p.suspendedBy]), [true, null]);
    await gw.graphql(`mutation($id: ID!) { withdrawConsent(subjectId: $id, purpose: CONTACT, category: GENDER) { currentPolicyVersion } }`, { ...(await own()), variables: { id: anne.id } });
    assert.deepEqual(await cell("CONTACT", "GENDER").then((p) => [p.inEffect, p.suspendedBy]), [false, "CONSENT_WITHDRAWN"]);
    await gw.graphql(`mutation($id: ID!) { objectToProcessing(subjectId: $id, purpose: IMPROVEMENT) { currentPolicyVersion } }`, { ...(await own()), variables: { id: anne.id } });
    const improvement = (await processing()).flatMap((c) => c.purposes.filter((p) => p.purpose === "IMPROVEMENT"));
    assert.ok(improvement.length > 0 && improvement.every((p) => !p.inEffect && p.suspendedBy === "OBJECTION"));
    await gw.graphql(`mutation($id: ID!) { restrictProcessing(subjectId: $id, reason: LEGAL_CLAIMS) { currentPolicyVersion } }`, { ...(await own()), variables: { id: anne.id } });
    assert.deepEqual(await cell("SERVICE_BILLING", "NAME").then((p) => [p.inEffect, p.suspendedBy]), [false, "RESTRICTION"]);
    await gw.graphql(`mutation($id: ID!) { liftRestriction(subjectId: $id) { currentPolicyVersion } }`, { ...(await own()), variables: { id: anne.id } });
    assert.deepEqual(await cell("SERVICE_BILLING", "NAME").then((p) => [p.inEffect, p.suspendedBy]), [true, null]);
  });

  test("reading it is not an access request (the access report is)", async () => {
    const accessRequests = async () => (await gw.graphql<any>(REQUESTS, await own())).body.data.privacyRequests.edges.filter((e: any) => e.node.type === "ACCESS").length;
    const before = await accessRequests();
    await processing();
    await processing();
    assert.equal(await accessRequests(), before);
    await gw.graphql(REPORT, { ...(await own()), variables: { id: anne.id } });
    assert.equal(await accessRequests(), before + 1);
  });

  test("for DATA_SUBJECT_RIGHTS only: the privacy officer reads it, staff purposes get PURPOSE_NOT_ALLOWED", async () => {
    const q = `query($id: ID!) { subject(id: $id) { id processing { category } } }`;
    const officer = await gw.graphql<any>(q, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: anne.id } });
    assert.equal(officer.body.data.subject.processing.length, DATA_CATEGORIES.length);
    for (const role of ["support", "billing", "finance"] as const) {
      const res = await gw.graphql<any>(q, { ...(await gw.as(role, A_PURPOSE_OF[role])), variables: { id: anne.id } });
      assert.equal(code(res), "PURPOSE_NOT_ALLOWED", role);
      assert.equal(res.body.data?.subject?.processing ?? null, null, role);
    }
  });
});
