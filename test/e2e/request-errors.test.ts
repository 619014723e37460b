import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { TestGateway } from "../support/test-gateway";
import { createSubject } from "../support/factories";
import { engineName } from "../support/test-databases";

/**
 * Every refusal is a 4xx with a precise `extensions.code` in GraphQL's `errors[]` shape: never a 5xx, never
 * INTERNAL_SERVER_ERROR, never the value the caller sent (SPEC §4).
 */
describe(`request errors: status, code, no echo (${engineName()})`, () => {
  let gw: TestGateway;
  let token: string;
  const purpose = "DATA_SUBJECT_RIGHTS";
  const MARKER = "Zq7Marker";

  before(async () => {
    gw = await TestGateway.start();
    token = await gw.token("privacy_officer");
  });
  after(() => gw.close());

  const send = async (init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${token}`, "x-purpose": purpose });
    for (const [k, v] of new Headers(init.headers)) headers.set(k, v);
    const res = await fetch(`${gw.url}/graphql`, { method: init.method ?? "POST", headers, body: init.body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
  };
  const codeOf = (body: any) => body?.errors?.[0]?.extensions?.code;
  const auditCount = async () => (await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.audit_event`))[0].n;

  test("an unknown x-purpose is 400 BAD_USER_INPUT (audited as a refusal), whatever its spelling", async () => {
    for (const declared of ["MARKETING", "contact", "AUDIT", `${MARKER}`]) {
      const before = await auditCount();
      const res = await send({ headers: { "x-purpose": declared }, body: JSON.stringify({ query: "{ __typename }" }) });
      assert.equal(res.status, 400, declared);
      assert.equal(codeOf(res.body), "BAD_USER_INPUT", declared);
      assert.doesNotMatch(res.text, new RegExp(declared), "the header is not echoed");
      assert.equal(await auditCount(), before + 1, "the refusal is audited");
    }
  });

  test("two x-purpose headers: 400 'declare exactly one purpose'", async () => {
    const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${token}` });
    headers.append("x-purpose", "DATA_SUBJECT_RIGHTS");
    headers.append("x-purpose", "CONTACT");
    const res = await fetch(`${gw.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query: "{ __typename }" }) });
    const body: any = await res.json();
    assert.equal(res.status, 400);
    assert.equal(codeOf(body), "BAD_USER_INPUT");
    assert.match(body.errors[0].message, /declare exactly one purpose/i);
  });

  test("HEAD /graphql is a 4xx: 400 for a bad purpose or no preflight header, 401 without a token, 405 otherwise", async () => {
    assert.equal((await send({ method: "HEAD", headers: { "x-purpose": "MARKETING" } })).status, 400);
    assert.equal((await fetch(`${gw.url}/graphql`, { method: "HEAD" })).status, 400, "Apollo's CSRF prevention");
    assert.equal((await fetch(`${gw.url}/graphql`, { method: "HEAD", headers: { "content-type": "application/json" } })).status, 401);
    assert.equal((await send({ method: "HEAD" })).status, 405);
  });

  test("401 answers carry WWW-Authenticate: Bearer", async () => {
    for (const authorization of [undefined, `Bearer ${MARKER}`]) {
      const res = await fetch(`${gw.url}/graphql`, { method: "POST", body: JSON.stringify({ query: "{ __typename }" }),
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) } });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get("www-authenticate"), "Bearer");
      assert.equal(codeOf(await res.json()), "UNAUTHENTICATED");
    }
  });

  test("an operationName naming no operation is 400 OPERATION_RESOLUTION_FAILURE, without the name", async () => {
    const res = await send({ body: JSON.stringify({ query: "query A { __typename }", operationName: MARKER }) });
    assert.equal(res.status, 400);
    assert.equal(codeOf(res.body), "OPERATION_RESOLUTION_FAILURE");
    assert.doesNotMatch(res.text, new RegExp(MARKER));
  });

  test("variable defaults apply when no value is sent, non-null or not", async () => {
    for (let i = 0; i < 4; i++) await createSubject(gw.dbs.stores);
    for (const type of ["Int!", "Int"]) {
      const res = await send({ body: JSON.stringify({ query: `query($n: ${type} = 3) { subjects(first: $n) { edges { cursor } } }` }) });
      assert.equal(res.status, 200, type);
      assert.equal(res.body.errors, undefined, type);
      assert.equal(res.body.data.subjects.edges.length, 3, type);
    }
  });

  test("a subscription is 400 GRAPHQL_VALIDATION_FAILED: the gateway has none", async () => {
    const res = await send({ body: JSON.stringify({ query: "subscription { __typename }" }) });
    assert.equal(res.status, 400);
    assert.equal(codeOf(res.body), "GRAPHQL_VALIDATION_FAILED");
  });

  test("persisted queries: a hash that does not match is 400 PERSISTED_QUERY_HASH_MISMATCH; a matching one works", async () => {
    const query = "{ __typename }";
    const wrong = await send({ body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }) });
    assert.equal(wrong.status, 400);
    assert.equal(codeOf(wrong.body), "PERSISTED_QUERY_HASH_MISMATCH");
    const version = await send({ body: JSON.stringify({ query, extensions: { persistedQuery: { version: 2, sha256Hash: "0".repeat(64) } } }) });
    assert.equal(version.status, 400);
    assert.equal(codeOf(version.body), "PERSISTED_QUERY_NOT_SUPPORTED");
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const registered = await send({ body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }) });
    assert.deepEqual(registered.body, { data: { __typename: "Query" } });
    const byHash = await send({ body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }) });
    assert.deepEqual(byHash.body, { data: { __typename: "Query" } });
  });

  test("control characters in any free-text argument: 400 BAD_USER_INPUT naming the argument, nothing stored", async () => {
    const anne = await createSubject(gw.dbs.stores);
    const open = async () => {
      const r = await send({ body: JSON.stringify({ query: `mutation($s: ID!) { submitPrivacyRequest(input: { subjectId: $s, type: ERASE }) { id } }`, variables: { s: anne.id } }) });
      return r.body.data.submitPrivacyRequest.id as string;
    };
    const verified = await open();
    await send({ body: JSON.stringify({ query: `mutation($id: ID!) { verifyPrivacyRequest(id: $id, method: EMAIL_CHALLENGE) { status } }`, variables: { id: verified } }) });
    const bad = `a${MARKER}\u0000b`;
    const cases: [string, string, Record<string, unknown>, string][] = [
      ["auditTrail actor", `query($v: String) { auditTrail(actor: $v) { edges { cursor } } }`, {}, "actor"],
      ["auditTrail purpose", `query($v: String) { auditTrail(purpose: $v) { edges { cursor } } }`, {}, "purpose"],
      ["submit notes", `mutation($v: String, $s: ID!) { submitPrivacyRequest(input: { subjectId: $s, type: ACCESS, notes: $v }) { id } }`, { s: anne.id }, "input.notes"],
      ["reject reasons", `mutation($v: String!, $id: ID!) { rejectPrivacyRequest(id: $id, reasons: [$v]) { id } }`, { id: verified }, "reasons"],
      ["complete outcomeText", `mutation($v: String, $id: ID!) { completePrivacyRequest(id: $id, outcome: FULFILLED, outcomeText: $v) { id } }`, { id: verified }, "outcomeText"],
    ];
    const rows = async () => (await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'VERIFIED')::int AS v FROM privacy.rights_request`))[0];
    const before = await rows();
    for (const [name, query, variables, argument] of cases) {
      for (const c of [bad, "tab\u0007bell", "del\u007f", "c1\u0085"]) {
        // once as a variable, once written into the document as a literal
        const literal = query.replace(/\(\$v: String!?, ?/, "(").replace(/\(\$v: String!?\) /, "").replace("$v", JSON.stringify(c));
        for (const [how, body] of [["variable", { query, variables: { ...variables, v: c } }], ["literal", { query: literal, variables }]] as const) {
          const res = await send({ body: JSON.stringify(body) });
          assert.equal(res.status, 400, `${name} ${how}: ${res.text}`);
          assert.equal(codeOf(res.body), "BAD_USER_INPUT", `${name} ${how}`);
          const message = res.body.errors[0].message as string;
          assert.match(message, how === "variable" ? /"\$v"/ : new RegExp(`"${argument.replace(".", "\\.")}"`), `${name} ${how}: ${message}`);
          assert.match(message, /control character/);
          assert.doesNotMatch(res.text, new RegExp(MARKER));
        }
      }
    }
    assert.deepEqual(await rows(), before, "no request was added, rejected or completed");
    // A variable the operation does not declare reaches nothing; its name is the caller's text and is never named
    // (found by the hostile-input property test: a variable named after its marker came back in the refusal).
    const undeclared = await send({ body: JSON.stringify({ query: `{ __typename }`, variables: { [`${MARKER}x`]: [bad] } }) });
    assert.equal(undeclared.status, 200, undeclared.text);
    assert.doesNotMatch(undeclared.text, new RegExp(MARKER));
    // An argument the schema does not have: its name is the caller's text too.
    const unknownArgument = await send({ body: JSON.stringify({ query: `{ privacyRequest(id: "x", ${MARKER}x: 1) { id } }` }) });
    assert.equal(unknownArgument.status, 400, unknownArgument.text);
    assert.ok(unknownArgument.body.errors.some((e: any) => e.message === 'Unknown argument on field "Query.privacyRequest".'), unknownArgument.text);
    assert.doesNotMatch(unknownArgument.text, new RegExp(MARKER));
    // A literal under an object field the schema does not know (an object given for an ID, a misspelt input field):
    // that field's name is the caller's text, so the refusal names only the argument (found by the same test).
    for (const query of [`{ privacyRequest(id: {id: {${MARKER}x: "\u0007"}}) { id } }`,
      `mutation($s: ID!) { submitPrivacyRequest(input: { subjectId: $s, type: ACCESS, ${MARKER}x: "\u0007" }) { id } }`]) {
      const res = await send({ body: JSON.stringify({ query, variables: { s: anne.id } }) });
      assert.equal(res.status, 400, res.text);
      assert.ok(res.body.errors.some((e: any) => /^Argument "(id|input)" must not hold control characters/.test(e.message)), res.text);
      assert.doesNotMatch(res.text, new RegExp(MARKER));
    }
    const multiLine = await send({ body: JSON.stringify({ query: `mutation($s: ID!, $n: String) { submitPrivacyRequest(input: { subjectId: $s, type: ACCESS, notes: $n }) { notes } }`,
      variables: { s: anne.id, n: "line one\nline two\twith a tab" } }) });
    assert.equal(multiLine.body.data?.submitPrivacyRequest?.notes, "line one\nline two\twith a tab", "line breaks and tabs are still text");
  });

  test("invalid DateTimeISO values and parse errors never echo what was sent", async () => {
    const cases: [string, unknown, string][] = [
      [`{ auditTrail(from: "${MARKER}") { edges { cursor } } }`, undefined, "GRAPHQL_VALIDATION_FAILED"],
      [`{ auditTrail(from: 17${MARKER.length}) { edges { cursor } } }`, undefined, "GRAPHQL_VALIDATION_FAILED"],
      [`query($f: DateTimeISO) { auditTrail(from: $f) { edges { cursor } } }`, { f: MARKER }, "BAD_USER_INPUT"],
      [`{ subject(id: "${MARKER}) { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
      [`{ subject(id: "${MARKER}" "${MARKER}") { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
      [`{ subject(id: ${MARKER}-1) { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
      [`{ subject(id: 0${MARKER}) { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
      [`{ subject(id: "\\u${MARKER}") { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
      [`{ subject(id: "\\${MARKER}") { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
      [`{ subject(id: """${MARKER}""" """${MARKER}""") { id } }`, undefined, "GRAPHQL_PARSE_FAILED"],
    ];
    for (const [query, variables, code] of cases) {
      const res = await send({ body: JSON.stringify({ query, variables }) });
      assert.equal(res.status, 400, query);
      assert.equal(codeOf(res.body), code, `${query}: ${res.text}`);
      assert.doesNotMatch(res.text, new RegExp(MARKER.slice(1)), `${query}: ${res.text}`);
    }
  });

  test("413, 415, 431, 404 and malformed JSON come back in GraphQL's errors[] shape with a code, never echoing", async () => {
    const big = await send({ body: JSON.stringify({ query: `{ ${"__typename ".repeat(20_000)} }` }) });
    assert.equal(big.status, 413);
    assert.deepEqual(Object.keys(big.body), ["errors"]);
    assert.equal(codeOf(big.body), "PAYLOAD_TOO_LARGE");
    const xml = await send({ headers: { "content-type": `application/${MARKER}` }, body: "<q/>" });
    assert.equal(xml.status, 415);
    assert.equal(codeOf(xml.body), "UNSUPPORTED_MEDIA_TYPE");
    assert.doesNotMatch(xml.text, new RegExp(MARKER));
    const long = await fetch(`${gw.url}/graphql?query=${MARKER}${"x".repeat(20_000)}`);
    assert.equal(long.status, 431);
    assert.equal(codeOf(await long.json()), "BAD_REQUEST");
    const nowhere = await fetch(`${gw.url}/${MARKER}`);
    const nowhereText = await nowhere.text();
    assert.equal(nowhere.status, 404);
    assert.equal(codeOf(JSON.parse(nowhereText)), "NOT_FOUND");
    assert.doesNotMatch(nowhereText, new RegExp(MARKER), "Fastify's default 404 quotes the URL");
    const broken = await send({ body: `{"query": "${MARKER}` });
    assert.equal(broken.status, 400);
    assert.equal(codeOf(broken.body), "BAD_REQUEST");
    assert.doesNotMatch(broken.text, new RegExp(MARKER));
  });

  test("a field error beside data the caller may see leaves the response 200", async () => {
    const res = await send({ body: JSON.stringify({ query: `{ ok: __typename bad: subject(id: "${MARKER}") { id } }` }) });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.ok, "Query");
    assert.equal(res.body.data.bad, null);
    assert.doesNotMatch(res.text, new RegExp(MARKER));
    assert.equal(codeOf(res.body), "BAD_USER_INPUT");
  });
});
