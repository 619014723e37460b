import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getIntrospectionQuery } from "graphql";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/** Malformed or hostile requests get a 4xx with a code, never a 5xx, a stack, SQL or the caller's values. */
describe(`hostile input (${engineName()})`, () => {
  let gw: TestGateway;
  let token: string;
  const purpose = "DATA_SUBJECT_RIGHTS";
  let anne: SubjectFixture;

  before(async () => {
    gw = await TestGateway.start();
    token = await gw.token("privacy_officer");
    anne = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  const post = (body: string, contentType = "application/json") =>
    fetch(`${gw.url}/graphql`, { method: "POST", headers: { "content-type": contentType, authorization: `Bearer ${token}`, "x-purpose": purpose }, body });
  const assertClean = (text: string) => assert.doesNotMatch(text, /SELECT|crm\.customer|stack|at \w+ \(|node_modules/i);

  test("many aliases of an expensive field are refused before execution", async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: subjects(first: 100) { edges { cursor } }`).join(" ");
    const res = await gw.graphql(`{ ${aliases} }`, { token, purpose });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors?.[0].extensions?.code, "QUERY_TOO_COMPLEX");
    assert.equal(res.body.data, undefined);
  });

  test("deep introspection, long, directive-heavy and costly documents are refused with 400 and a precise code, never echoing the query", async () => {
    const marker = "Jansen-0612345678"; // stands for a value the caller sent: it must not come back
    const ofTypes = Array.from({ length: 46 }).reduce<string>((inner) => `ofType { ${inner} }`, "name");
    const cases: [string, string, Record<string, unknown> | undefined, string][] = [
      ["introspection 50 levels deep", `{ __schema { types { fields { type { ${ofTypes} } } } } } # ${marker}`, undefined, "QUERY_TOO_DEEP"],
      ["too many tokens", `{ subject(id: "${marker}") { ${"id ".repeat(1200)} } }`, undefined, "QUERY_TOO_LARGE"],
      ["too many directives", `{ subject(id: "${marker}") { ${"... @include(if: true) { id } ".repeat(60)} } }`, undefined, "QUERY_TOO_COMPLEX"],
      ["too costly (page sizes as variables)", `query($n: Int!) { ${Array.from({ length: 5 }, (_, i) => `p${i}: subjects(first: $n) { edges { node { ipLog(first: $n) { edges { node { ip path userAgent } } } } } }`).join(" ")} }`, { n: 100, marker }, "QUERY_TOO_COSTLY"],
    ];
    for (const [name, query, variables, code] of cases) {
      const res = await gw.graphql(query, { token, purpose, variables });
      assert.equal(res.status, 400, name);
      assert.equal(res.body.data, undefined, name);
      assert.deepEqual(res.body.errors?.map((e) => e.extensions?.code), [code], name);
      assert.doesNotMatch(JSON.stringify(res.body), new RegExp(`${marker}|ofType|ipLog|@include`), name);
    }
  });

  test("the standard introspection query that GraphQL tools send still works (development)", async () => {
    const res = await gw.graphql<{ __schema: { types: unknown[] } }>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), { token, purpose });
    assert.equal(res.status, 200);
    assert.equal(res.body.errors, undefined);
    assert.ok((res.body.data?.__schema.types.length ?? 0) > 20);
  });

  test("injection strings are just values: BAD_USER_INPUT, never SQL", async () => {
    for (const id of ["' OR 1=1 --", `${anne.id}' OR '1'='1`, "1; DROP TABLE crm.customer"]) {
      const res = await gw.graphql(`query($id: ID!) { subject(id: $id) { id } }`, { token, purpose, variables: { id } });
      assert.equal(res.body.errors?.[0].extensions?.code, "BAD_USER_INPUT", id);
      assertClean(JSON.stringify(res.body));
    }
    const after = await gw.graphql(`{ subjects(first: 1, after: "JyBPUiAxPTEgLS0") { edges { cursor } } }`, { token, purpose });
    assert.equal(after.body.errors?.[0].extensions?.code, "BAD_USER_INPUT");
    const [row] = await gw.dbs.stores.crm.query(`SELECT count(*)::int AS n FROM crm.customer`);
    assert.equal(row.n, 1, "nothing was dropped");
  });

  test("invalid variable values: 400 BAD_USER_INPUT naming the variable, before anything runs", async () => {
    const page = "query($n: Int!) { subjects(first: $n) { edges { cursor } } }";
    const one = "query($id: ID!) { subject(id: $id) { id } }";
    const cases: [string, string, Record<string, unknown>][] = [
      ["missing", page, {}],
      ["null for a non-null", page, { n: null }],
      ["text for an Int", page, { n: "ten" }],
      ["fraction for an Int", page, { n: 1.5 }],
      ["beyond 32 bits", page, { n: 2 ** 31 }],
      ["object for an ID", one, { id: { id: anne.id } }],
      ["list for an ID", one, { id: [anne.id] }],
    ];
    const before = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.audit_event`);
    for (const [name, query, variables] of cases) {
      const res = await gw.graphql(query, { token, purpose, variables });
      assert.equal(res.status, 400, name);
      assert.equal(res.body.data, undefined, name);
      assert.equal(res.body.errors?.[0].extensions?.code, "BAD_USER_INPUT", name);
      assert.match(String(res.body.errors?.[0].message), /^Variable "\$(n|id)"/, name);
    }
    const afterCount = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.audit_event`);
    assert.equal(afterCount[0].n, before[0].n, "nothing was read, so nothing was audited");
  });

  test("malformed bodies and documents are 4xx with a code", async () => {
    const cases: [string, string, string?][] = [
      ["not json", "{ subjects"],
      ["json but not a request", "[1,2,3]"],
      ["syntax error", JSON.stringify({ query: "{ subjects(first: ) }" })],
      ["unknown field", JSON.stringify({ query: "{ subjects { edges { node { passwordHash } } } }" })],
      ["fragment cycle", JSON.stringify({ query: "{ subjects { edges { node { ...A } } } } fragment A on Subject { ...B } fragment B on Subject { ...A }" })],
      ["variables not an object", JSON.stringify({ query: "query($n: Int!) { subjects(first: $n) { edges { cursor } } }", variables: "100" })],
      ["wrong content type", "query=%7B__typename%7D", "application/x-www-form-urlencoded"],
    ];
    for (const [name, body, type] of cases) {
      const res = await post(body, type);
      const text = await res.text();
      assert.ok(res.status >= 400 && res.status < 500, `${name}: ${res.status}`);
      assertClean(text);
    }
  });

  test("a browser opening /graphql gets no page that loads anything from another origin (no Apollo Sandbox)", async () => {
    const res = await fetch(`${gw.url}/graphql`, { headers: { accept: "text/html" } });
    const text = await res.text();
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    assert.doesNotMatch(text, /https?:\/\/(?!127\.0\.0\.1|localhost)/i, "no reference to another origin");
    assert.doesNotMatch(text, /sandbox|apollographql/i);
  });

  test("a huge document is refused by the body limit (413)", async () => {
    const res = await post(JSON.stringify({ query: `{ ${"__typename ".repeat(20_000)} }` }));
    assert.equal(res.status, 413);
  });
});
