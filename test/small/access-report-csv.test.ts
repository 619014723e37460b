import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { csvField, guardFormula, parseCsv, toCsv } from "../../src/rights/access-report/csv";

test("RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end with CRLF", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("cr\rhere"), '"cr\rhere"');
  assert.equal(csvField(null), "");
  assert.equal(csvField(undefined), "");
  assert.equal(csvField(true), "true");
  assert.equal(csvField(42), "42");
  assert.equal(toCsv(["a", "b"], [["1", null], ["x,y", 'q"']]), 'a,b\r\n1,\r\n"x,y","q"""\r\n');
  assert.equal(toCsv(["only"], []), "only\r\n", "a table without rows is its header line");
});

test("formula injection: cells starting with = + - @ TAB CR get a leading quote; plain numbers do not", () => {
  for (const evil of ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]) {
    assert.equal(guardFormula(evil), `'${evil}`, evil);
  }
  for (const safe of ["-12.50", "+31612345678", "121.00", "0", "a=b", "mail@example.nl", "'quoted"]) {
    assert.equal(guardFormula(safe), safe, safe);
  }
  assert.equal(csvField('=1+"2"'), '"\'=1+""2"""', "guarded, then quoted");
});

test("parseCsv reads quoted commas, quotes and line breaks, CRLF or LF line ends", () => {
  assert.deepEqual(parseCsv('a,b\r\n"x,y","he said ""no""\nthen left"\r\n,\r\n'), [
    ["a", "b"],
    ["x,y", 'he said "no"\nthen left'],
    ["", ""],
  ]);
  assert.deepEqual(parseCsv("a,b\nc,d"), [["a", "b"], ["c", "d"]]);
  assert.deepEqual(parseCsv('"",x\r\n'), [["", "x"]]);
  assert.throws(() => parseCsv('"open'), /unterminated/);
});

test("round trip: parseCsv(toCsv(rows)) gives every cell back (formula-like ones with their guard)", () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom(",", '"', "\r\n", "\n", "=x", "-1", "@", "a\"b,c\nd"));
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
      const parsed = parseCsv(toCsv(["h1", "h2"], rows));
      assert.deepEqual(parsed, [["h1", "h2"], ...rows.map((r) => r.map(guardFormula))]);
    }),
    { numRuns: 300 },
  );
});
