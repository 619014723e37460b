import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/** Selections over every part of the subject graph; any subset may be asked for. */
const PARTS = [
  "id", "customerNumber", "firstName", "lastName", "gender", "phone", "email", "notes", "contractStart", "contractEnd",
  "address { street city postalCode }", "account { id username lastLoginAt }", "loginEvents(first: 5) { accountId ip occurredAt }",
  "invoices { id invoiceNumber billingName }", "payments { invoiceId reference }", "paymentMethods { iban holderName }",
  "ipLog(first: 3) { edges { cursor node { ip path } } }",
];

/**
 * Property: whatever a customer token asks — any root field, any selection, aliases, fragments, the other
 * subject's id in any spelling, as a literal or a variable — no value of another subject comes back.
 */
describe(`a customer never reads another subject (${engineName()})`, () => {
  let gw: TestGateway;
  let own: SubjectFixture;
  let other: SubjectFixture;
  let otherValues: string[];
  let token: string;

  before(async () => {
    gw = await TestGateway.start();
    own = await createSubject(gw.dbs.stores);
    other = await createSubject(gw.dbs.stores, { customer: { notes: "Geheime notitie van Bert" } });
    token = await gw.token("customer", own.id);
    otherValues = [other.id, other.customerNumber, other.firstName, other.email, other.accountId!, ...other.invoiceIds, "Geheime notitie van Bert"];
  });
  after(() => gw.close());

  const selection = fc.uniqueArray(fc.constantFrom(...PARTS), { minLength: 1, maxLength: PARTS.length });
  const idSpelling = fc.constantFrom((id: string) => id, (id: string) => id.toUpperCase(), (id: string) => ` ${id}`, (id: string) => `${id.slice(0, -1)}`);
  const shape = fc.record({
    root: fc.constantFrom("me", "subjectOther", "subjectOwn", "subjects", "twoAliases"),
    fields: selection,
    spelling: idSpelling,
    viaVariable: fc.boolean(),
    viaFragment: fc.boolean(),
    purpose: fc.constantFrom(undefined, "DATA_SUBJECT_RIGHTS", "SERVICE_BILLING"),
  });

  test("no query shape returns another subject's data", async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const body = s.viaFragment ? "...F" : s.fields.join(" ");
        const fragment = s.viaFragment ? `fragment F on Subject { ${s.fields.join(" ")} }` : "";
        const otherId = s.spelling(other.id);
        const arg = (id: string) => (s.viaVariable ? "$id" : JSON.stringify(id));
        const roots: Record<string, string> = {
          me: `me { ${body} }`,
          subjectOther: `subject(id: ${arg(otherId)}) { ${body} }`,
          subjectOwn: `subject(id: ${JSON.stringify(own.id)}) { ${body} }`,
          subjects: `subjects(first: 10) { edges { node { ${body} } } }`,
          twoAliases: `a: subject(id: ${JSON.stringify(own.id)}) { ${body} } b: subject(id: ${arg(otherId)}) { ${body} }`,
        };
        const vars = s.viaVariable && /\$id/.test(roots[s.root]) ? "($id: ID!)" : "";
        const res = await gw.graphql(`query Q${vars} { ${roots[s.root]} } ${fragment}`, {
          token, purpose: s.purpose, variables: vars ? { id: otherId } : undefined });
        const text = JSON.stringify(res.body);
        for (const v of otherValues) assert.ok(!text.includes(v), `leaked a value of another subject via ${s.root}`);
        if (s.purpose === "SERVICE_BILLING") assert.equal(res.body.errors?.[0].extensions?.code, "PURPOSE_NOT_GRANTED");
        else if (s.root === "subjectOther" || s.root === "subjects") {
          assert.ok(res.body.errors?.some((e) => ["FORBIDDEN", "BAD_USER_INPUT"].includes(String(e.extensions?.code))));
        }
      }),
      { numRuns: 120 },
    );
  });
});
