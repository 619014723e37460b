import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

describe(`authentication and subject access (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  const meQuery = `{ me { id firstName } }`;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores);
    bert = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  const sign = (claims: Record<string, unknown>, opts: { secret?: string; exp?: string | number; aud?: string } = {}) =>
    new SignJWT({ role: "support", ...claims })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("someone")
      .setIssuer(gw.config.jwt.issuer)
      .setAudience(opts.aud ?? gw.config.jwt.audience)
      .setExpirationTime(opts.exp ?? "1h")
      .sign(new TextEncoder().encode(opts.secret ?? gw.config.jwt.secret));

  test("no token, a bad signature, an expired token or a wrong audience → 401 UNAUTHENTICATED", async () => {
    const cases: [string, string | undefined][] = [
      ["no token", undefined],
      ["garbage", "not.a.jwt"],
      ["bad signature", await sign({}, { secret: "another-secret-another-secret-another-secret" })],
      ["expired", await sign({}, { exp: Math.floor(Date.now() / 1000) - 60 })],
      ["wrong audience", await sign({}, { aud: "someone-else" })],
      ["unknown role", await sign({ role: "admin" })],
    ];
    for (const [name, token] of cases) {
      const res = await gw.graphql(`{ subjects(first: 1) { edges { cursor } } }`, { token });
      assert.equal(res.status, 401, name);
      assert.equal(res.body.errors?.[0].extensions?.code, "UNAUTHENTICATED", name);
      assert.equal(res.body.data, undefined, name);
    }
  });

  test("the token check starts with the headers; a request refused before its context (413) leaves no stray failure", async () => {
    // The bad token's check starts in onRequest and fails; the body limit then ends the request before any
    // context awaits that failure. Left unhandled, it would fail this file (node:test reports the rejection).
    const huge = JSON.stringify({ query: `{ ${"__typename ".repeat(20_000)} }` });
    const res = await fetch(`${gw.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer not.a.jwt" }, body: huge });
    assert.equal(res.status, 413);
    await new Promise((resolve) => setImmediate(resolve));
    const after = await gw.graphql(`{ subjects(first: 1) { edges { cursor } } }`, { token: "not.a.jwt" });
    assert.equal(after.body.errors?.[0].extensions?.code, "UNAUTHENTICATED");
    const ok = await gw.graphql<any>(meQuery, { token: await gw.token("customer", anne.id) });
    assert.equal(ok.body.data.me.id, anne.id);
  });

  test("a customer reads their own subject through `me` and `subject(id)`", async () => {
    const token = await gw.token("customer", anne.id);
    const me = await gw.graphql<any>(meQuery, { token });
    assert.deepEqual(me.body.data.me, { id: anne.id, firstName: anne.firstName });
    const own = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { id } }`, { token, variables: { id: anne.id } });
    assert.equal(own.body.data.subject.id, anne.id);
  });

  test("a customer cannot read another subject or list subjects", async () => {
    const token = await gw.token("customer", anne.id);
    const other = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { id firstName } }`, { token, variables: { id: bert.id } });
    assert.equal(other.body.errors?.[0].extensions?.code, "FORBIDDEN");
    assert.equal(other.body.data?.subject, null);
    assert.doesNotMatch(JSON.stringify(other.body), new RegExp(bert.firstName));
    const list = await gw.graphql<any>(`{ subjects(first: 5) { edges { node { id } } } }`, { token });
    assert.equal(list.body.errors?.[0].extensions?.code, "FORBIDDEN");
  });

  test("`me` is for customer tokens; staff get FORBIDDEN", async () => {
    const res = await gw.graphql(meQuery, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")) });
    assert.equal(res.body.errors?.[0].extensions?.code, "FORBIDDEN");
  });
});
