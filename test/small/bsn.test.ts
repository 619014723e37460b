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

test("a BSN is found however it was pasted: no-break spaces, double spaces, slashes, full-width digits", () => {
  const spellings = [
    "111\u00a0222\u00a0333", // no-break spaces (a paste from a web page or Word)
    "111\u202f222\u202f333", // narrow no-break spaces
    "BSN: 111  222  333",
    "111/222/333",
    "\uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13", // full-width digits
    "\uff11\uff11\uff11\uff0f\uff12\uff12\uff12\uff0f\uff13\uff13\uff13", // full-width digits and slashes
    "111 / 222 / 333",
    "111\u2013222\u2013333", // en dashes
    "111\u200b222\u200b333", // zero-width spaces
    "1112 . 22 . 333",
    "mijn bsn 111 222 333 1234 AB Delft", // followed by a postcode
    "Dorpsstraat 12 111 222 333", // after a house number
    "11 12 22 333",
    "+31 6 12345678, bsn 111222333",
  ];
  for (const s of spellings) assert.equal(containsBsn(s), true, JSON.stringify(s));
});

test("ordinary numbers are not glued into a BSN: invoice numbers, postcodes, phone numbers, dates", () => {
  // Each of these holds digits that a looser rule glues into a 9-digit number passing the elfproef.
  assert.equal(containsBsn("+31 6 12345671 1234 AB"), false, "phone number (612345671 passes) and postcode");
  assert.equal(containsBsn("+31 612 345 671"), false, "an international phone number written in threes");
  assert.equal(containsBsn("bel 06 123 456 78 1006 AB Utrecht"), false, "phone tail and postcode (456781006 passes)");
  const ordinary = [
    "factuur 2025-000168 en 2025-000169",
    "/facturen/2025-000168.pdf",
    "Kerkstraat 12, 1234 AB Delft, tel +31 6 12345678",
    "bel 020 123 4567 na 17:00",
    "contract 01-02-2025 tot 01-02-2026",
    "klantnummer K-000123, order 2024-1234-56",
  ];
  for (const s of ordinary) assert.equal(containsBsn(s), false, s);
});
