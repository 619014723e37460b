import { test } from "node:test";
import assert from "node:assert/strict";
import { containsBsn, passesElfproef } from "../../src/common/bsn";

test("the elfproef accepts valid BSNs and refuses others", () => {
  assert.equal(passesElfproef("111222333"), true);
  assert.equal(passesElfproef("123456782"), true);
  assert.equal(passesElfproef("123456789"), false);
  assert.equal(passesElfproef("000000000"), false);
  assert.equal(passesElfproef("12345678"), false);
});

test("free text holding a BSN is recognised, also written with separators; other numbers are not", () => {
  assert.equal(containsBsn("Mijn BSN is 111222333, graag verwijderen"), true);
  assert.equal(containsBsn("bsn 1112.22.333"), true);
  assert.equal(containsBsn("bsn 111 222 333"), true);
  assert.equal(containsBsn("order 123456789 en telefoon 0612345678"), false);
  assert.equal(containsBsn("IBAN NL91ABNA0417164300"), false);
});
