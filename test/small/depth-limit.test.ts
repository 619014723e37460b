import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSchema, getIntrospectionQuery, parse, validate } from "graphql";
import { depthLimitRule } from "../../src/server/depth-limit.rule";

const schema = buildSchema(`type Query { a: A } type A { b: A, n: Int }`);
const errorsFor = (q: string, max: number, maxIntrospection = 20) => validate(schema, parse(q), [depthLimitRule(max, maxIntrospection)]);
const nested = (levels: number, inner: string) => Array.from({ length: levels }).reduce<string>((s) => `ofType { ${s} }`, inner);

test("counts nesting through fields, inline fragments and named fragments", () => {
  assert.equal(errorsFor(`{ a { b { n } } }`, 3).length, 0);
  assert.equal(errorsFor(`{ a { b { b { n } } } }`, 3)[0].extensions.code, "QUERY_TOO_DEEP");
  assert.equal(errorsFor(`{ a { ...F } } fragment F on A { b { b { n } } }`, 3).length, 1);
  assert.equal(errorsFor(`{ a { ... on A { b { n } } } }`, 3).length, 0);
});

test("introspection has its own limit: the standard introspection query passes, a 50-level one is QUERY_TOO_DEEP", () => {
  assert.deepEqual(errorsFor(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }), 2), []);
  const deep = errorsFor(`{ __schema { types { fields { type { ${nested(46, "name")} } } } } }`, 8);
  assert.equal(deep.length, 1);
  assert.equal(deep[0].extensions.code, "QUERY_TOO_DEEP");
  assert.equal(deep[0].message, "The introspection query is nested 51 levels deep; the limit is 20");
  // __type, and introspection hidden in a fragment, count the same way
  assert.equal(errorsFor(`{ __type(name: "A") { fields { type { ${nested(20, "name")} } } } }`, 8).length, 1);
  assert.equal(errorsFor(`{ ...Q } fragment Q on Query { __schema { types { fields { type { ${nested(20, "name")} } } } } }`, 8).length, 1);
  // and do not make the query itself deeper
  assert.equal(errorsFor(`{ a { __typename n } __schema { types { name } } }`, 2).length, 0);
});

test("fragments spreading fragments twice over are walked once each (2^n walks otherwise)", () => {
  const n = 22; // ~11 s with a walk per spread, a few ms memoised
  const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on A { b { ...F${i + 1} } n ...F${i + 1} }`).join(" ");
  const started = process.hrtime.bigint();
  const errors = errorsFor(`{ a { ...F0 } } ${frags} fragment F${n} on A { n }`, 8);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(errors[0]?.message, `The query is nested ${n + 2} levels deep; the limit is 8`);
  assert.ok(ms < 1000, `took ${ms} ms`);
});
