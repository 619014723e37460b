import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildSchema, getIntrospectionQuery, parse, print, validate } from "graphql";
import { loadConfig } from "../../src/config/config";
import { SDL_PATH } from "../../src/server/schema-sdl";
import { depthLimitRule } from "../../src/server/depth-limit.rule";
import { aliasLimitRule } from "../../src/server/alias-limit.rule";
import { directiveLimitRule } from "../../src/server/directive-limit.rule";
import { costLimitRule, withPageSizes } from "../../src/server/cost-limit.rule";
import { MAX_PAGE_SIZE } from "../../src/subject/subject.args";
import { SUBJECT_QUERY, SUBJECTS_QUERY, REPORT_QUERY } from "../../bench/scenarios";

const schema = buildSchema(readFileSync(SDL_PATH, "utf8"));
const config = loadConfig({});
const rules = [
  depthLimitRule(config.http.maxQueryDepth, config.query.maxIntrospectionDepth),
  aliasLimitRule(config.http.maxAliases),
  directiveLimitRule(config.query.maxDirectives),
  costLimitRule(config.query.maxCost, MAX_PAGE_SIZE),
];
const errorsFor = (q: string) => validate(schema, parse(q, { maxTokens: config.query.maxTokens }), rules);
const codes = (q: string) => errorsFor(q).map((e) => e.extensions.code);
const subjectsLiteral = SUBJECTS_QUERY.replace("($first: Int!)", "").replace("$first", "100");

test("the default limits let the benchmark's queries, README examples and the standard introspection query through", () => {
  const queries = {
    SUBJECT_QUERY, SUBJECTS_QUERY, subjectsLiteral, REPORT_QUERY,
    introspection: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
    readmeAnalytics: `{ subjects(first: 20) { edges { node { loginEvents { occurredAt ip success } ipLog { edges { node { ip path } } } } } } }`,
    readmeMe: `{ me { firstName email account { username } invoices { invoiceNumber amountInclVat status } ipLog(first: 5) { edges { node { occurredAt ip path } } } consents { purpose category status } } }`,
  };
  for (const [name, q] of Object.entries(queries)) assert.deepEqual(errorsFor(q).map((e) => e.message), [], name);
});

test("cost counts a page size given as a variable as the largest page, and an omitted one as its default", () => {
  const text = (q: string) => print(withPageSizes(parse(q), schema, MAX_PAGE_SIZE)).replace(/\s+/g, " ");
  assert.match(text(`query($n: Int!) { subjects(first: $n) { edges { cursor } } }`), /subjects\(first: 100\)/);
  assert.match(text(`{ subjects { edges { node { ipLog { edges { cursor } } } } } }`), /subjects\(first: 20\).*ipLog\(first: 20\)/);
  assert.match(text(`{ subjects(first: 3) { edges { cursor } } }`), /subjects\(first: 3\)/);
  // 20 copies of the benchmark's page (each 48,100) are far over the default; as variables they would count 1 each in armor alone
  const pages = Array.from({ length: 5 }, (_, i) => `p${i}: subjects(first: $n) { edges { node { ipLog(first: $n) { edges { node { ip path method status userAgent } } } } } }`).join(" ");
  assert.deepEqual(codes(`query($n: Int!) { ${pages} }`), ["QUERY_TOO_COSTLY"]);
  assert.deepEqual(codes(`query($n: Int!) { ${pages.replaceAll("$n", "2")} }`), []);
});

test("more directives than the limit is QUERY_TOO_COMPLEX", () => {
  const fields = (n: number) => "... @include(if: true) { __typename } ".repeat(n);
  assert.deepEqual(codes(`{ ${fields(config.query.maxDirectives)} }`), []);
  assert.deepEqual(errorsFor(`{ ${fields(config.query.maxDirectives + 1)} }`).map((e) => [e.extensions.code, e.message]),
    [["QUERY_TOO_COMPLEX", `Directives limit of ${config.query.maxDirectives} exceeded, found ${config.query.maxDirectives + 1}.`]]);
});
