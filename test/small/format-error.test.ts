import { test } from "node:test";
import assert from "node:assert/strict";
import { GraphQLError } from "graphql";
import { createErrorFormatter, withoutValues } from "../../src/server/format-error";
import { SourceUnavailableError } from "../../src/sources/source-error";

test("messages lose the values the caller sent", () => {
  assert.equal(withoutValues('Variable "$id" got invalid value "jan@example.nl"; ID cannot represent value'), 'Variable "$id" has an invalid value.');
  assert.equal(withoutValues('Expected value of type "Int!", found "0612345678".'), 'Expected value of type "Int!".');
  assert.equal(withoutValues("String cannot represent a non string value: 612345678"), "String cannot represent a non string value.");
});

test("an unexpected error becomes a generic INTERNAL_SERVER_ERROR and is reported", () => {
  const seen: unknown[] = [];
  const format = createErrorFormatter((e) => seen.push(e));
  const driverError = new GraphQLError('duplicate key value violates unique constraint "x" Key (email)=(a@b.nl)', {
    path: ["subject"], originalError: new Error("SELECT * FROM crm.customer"),
  });
  const out = format({ message: driverError.message, path: ["subject"], extensions: { code: "INTERNAL_SERVER_ERROR" } }, driverError);
  assert.deepEqual(out, { locations: undefined, path: ["subject"], message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  assert.equal(seen.length, 1);
});

test("a source failure names the source, not the driver error", () => {
  const format = createErrorFormatter(() => assert.fail("not internal"));
  const err = new GraphQLError("x", { path: ["subject", "invoices"], originalError: new SourceUnavailableError("billing", new Error("ECONNREFUSED 10.0.0.5")) });
  const out = format({ message: "x", path: ["subject", "invoices"], extensions: {} }, err);
  assert.deepEqual(out.extensions, { code: "SOURCE_UNAVAILABLE", source: "billing" });
  assert.doesNotMatch(out.message, /ECONNREFUSED|10\.0/);
});
