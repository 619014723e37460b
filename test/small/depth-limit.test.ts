import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSchema, parse, validate } from "graphql";
import { depthLimitRule } from "../../src/server/depth-limit.rule";

const schema = buildSchema(`type Query { a: A } type A { b: A, n: Int }`);
const errorsFor = (q: string, max: number) => validate(schema, parse(q), [depthLimitRule(max)]);

test("counts nesting through fields, inline fragments and named fragments", () => {
  assert.equal(errorsFor(`{ a { b { n } } }`, 3).length, 0);
  assert.equal(errorsFor(`{ a { b { b { n } } } }`, 3)[0].extensions.code, "QUERY_TOO_DEEP");
  assert.equal(errorsFor(`{ a { ...F } } fragment F on A { b { b { n } } }`, 3).length, 1);
  assert.equal(errorsFor(`{ a { ... on A { b { n } } } }`, 3).length, 0);
});

test("introspection is not counted, so tools can load the schema", () => {
  assert.equal(errorsFor(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`, 2).length, 0);
});
