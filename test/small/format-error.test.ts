import { test } from "node:test";
import assert from "node:assert/strict";
import { GraphQLError } from "graphql";
import { createErrorFormatter, withoutValues } from "../../src/server/format-error";
import { StoreUnavailableError } from "../../src/db/store-error";

test("messages lose the values the caller sent", () => {
  assert.equal(withoutValues('Variable "$id" got invalid value "jan@example.nl"; ID cannot represent value'), 'Variable "$id" has an invalid value.');
  assert.equal(withoutValues('Expected value of type "Int!", found "0612345678".'), 'Expected value of type "Int!".');
  assert.equal(withoutValues("String cannot represent a non string value: 612345678"), "String cannot represent a non string value.");
  assert.equal(withoutValues("DateTime cannot represent an invalid date-time-string jan@example.nl."), "DateTime cannot represent an invalid date-time-string.");
  assert.equal(withoutValues("DateTime cannot represent non string or Date type 612345678"), "DateTime cannot represent non string or Date type.");
  assert.equal(withoutValues('Value "Jansen" does not exist in "Purpose" enum. Did you mean the enum value "LEGAL_TAX"?'), 'The value does not exist in "Purpose" enum.');
  assert.equal(withoutValues('Field "jan_at_example_nl" is not defined by type "RectifySubjectInput". Did you mean "email"?'),
    'The input holds a field not defined by type "RectifySubjectInput".');
});

test("syntax errors lose the token or character they quote", () => {
  const cases: [string, string][] = [
    ['Syntax Error: Expected Name, found String "jan@example.nl".', "Syntax Error: Expected Name, found String."],
    ['Syntax Error: Expected ":", found String "a String "b" c".', 'Syntax Error: Expected ":", found String.'],
    ['Syntax Error: Unexpected Name "Jansen".', "Syntax Error: Unexpected Name."],
    ['Syntax Error: Expected Name, found Int "-612345678".', "Syntax Error: Expected Name, found Int."],
    ['Syntax Error: Unexpected character: "€".', "Syntax Error: Unexpected character."],
    ["Syntax Error: Invalid character within String: U+0007.", "Syntax Error: Invalid character within String."],
    ['Syntax Error: Invalid number, unexpected digit after 0: "6".', "Syntax Error: Invalid number, unexpected digit after 0."],
    ['Syntax Error: Invalid Unicode escape sequence: "\\u06zz".', "Syntax Error: Invalid Unicode escape sequence."],
    ["Syntax Error: Unterminated string.", "Syntax Error: Unterminated string."],
  ];
  for (const [message, clean] of cases) assert.equal(withoutValues(message), clean);
});

test("Apollo's uncoded persisted-query refusals get a precise code", () => {
  const format = createErrorFormatter(() => assert.fail("not internal"));
  const mismatch = new GraphQLError("provided sha does not match query", { extensions: { http: { status: 400 } } });
  assert.deepEqual(format({ message: mismatch.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, mismatch).extensions, { code: "PERSISTED_QUERY_HASH_MISMATCH" });
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
  const err = new GraphQLError("x", { path: ["subject", "invoices"], originalError: new StoreUnavailableError("billing", new Error("ECONNREFUSED 10.0.0.5")) });
  const out = format({ message: "x", path: ["subject", "invoices"], extensions: {} }, err);
  assert.deepEqual(out.extensions, { code: "SOURCE_UNAVAILABLE", source: "billing" });
  assert.doesNotMatch(out.message, /ECONNREFUSED|10\.0/);
});
