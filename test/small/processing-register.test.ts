import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { processingRegister } from "../../src/statement/processing-register";
import { RegisterFormat, renderRegister } from "../../src/statement/processing-register.render";
import { PURPOSES, PURPOSE_INFO, ARTICLE_6 } from "../../src/policy/purposes";
import { DATA_CATEGORIES } from "../../src/policy/categories";
import { PURPOSE_MATRIX } from "../../src/policy/matrix";
import { RETENTION_RULES } from "../../src/policy/retention";
import { RECIPIENTS } from "../../src/policy/recipients";
import { SECURITY_MEASURES } from "../../src/policy/security-measures";
import { LEGITIMATE_INTERESTS } from "../../src/policy/legitimate-interests";

const controller = { name: "Cocomo Webbeheer", email: "support@cocomohosting.nl", portalUrl: "/portal" };
const doc = processingRegister(controller);

/** Art. 30 per purpose, generated: a purpose, category or retention rule missing from any format fails here. */
describe("the processing register (GDPR art. 30)", () => {
  test("one entry per purpose, each with every art. 30(1) item", () => {
    assert.deepEqual(doc.entries.map((e) => e.purpose), [...PURPOSES]);
    for (const e of doc.entries) {
      assert.equal(e.controller, controller.name);
      assert.deepEqual(e.lawfulBases.map((b) => b.split(" (")[0]), PURPOSE_INFO[e.purpose].lawfulBases.map((b) => ARTICLE_6[b]));
      assert.equal(e.legitimateInterest, LEGITIMATE_INTERESTS[e.purpose]?.en ?? null);
      assert.ok(e.dataSubjects.length > 0, `${e.purpose} data subjects`);
      assert.deepEqual(e.dataCategories.map((c) => c.category), DATA_CATEGORIES.filter((c) => PURPOSE_MATRIX[e.purpose][c]));
      assert.ok(e.recipients.length > 0, `${e.purpose} recipients`);
      assert.ok(e.retention.length > 0, `${e.purpose} retention`);
      assert.equal(e.securityMeasures.length, SECURITY_MEASURES.length);
    }
  });
  test("every retention rule binds some purpose; every category of a purpose has its rule there", () => {
    for (const r of RETENTION_RULES) assert.ok(doc.entries.some((e) => e.retention.some((x) => x.rule === r.id)), r.id);
    for (const e of doc.entries) {
      for (const c of e.dataCategories) {
        const rule = RETENTION_RULES.find((r) => r.categories.includes(c.category as never))!;
        assert.ok(e.retention.some((x) => x.rule === rule.id), `${e.purpose} ${c.category}`);
      }
    }
  });
  test("Google Analytics is a transfer outside the EU for ANALYTICS, with IP truncation", () => {
    const analytics = doc.entries.find((e) => e.purpose === "ANALYTICS")!;
    assert.equal(analytics.transfersOutsideEu.length, 1);
    assert.match(analytics.transfersOutsideEu[0].recipient, /Google Analytics/);
    assert.match(analytics.transfersOutsideEu[0].safeguards, /truncated/);
    for (const r of RECIPIENTS) for (const p of r.purposes) assert.ok(doc.entries.find((e) => e.purpose === p)!.recipients.some((x) => x.startsWith(r.name.en)), `${r.id} in ${p}`);
  });
  for (const format of Object.values(RegisterFormat)) {
    test(`${format}: names every purpose, category and retention rule`, () => {
      const text = renderRegister(doc, format);
      for (const p of PURPOSES) assert.ok(text.includes(p), p);
      for (const c of DATA_CATEGORIES) assert.ok(text.includes(c), c);
      for (const r of RETENTION_RULES) assert.ok(text.includes(r.id), r.id);
      assert.ok(text.includes("Google"));
    });
  }
  test("JSON parses back to the document; CSV has a header and one row per purpose", () => {
    assert.deepEqual(JSON.parse(renderRegister(doc, RegisterFormat.JSON)), doc);
    const csv = renderRegister(doc, RegisterFormat.CSV);
    assert.match(csv, /^controller,purpose,description,lawful basis,/);
    // Rows are CRLF-terminated; cells never hold a bare line break.
    assert.equal(csv.trimEnd().split("\r\n").length, PURPOSES.length + 1);
  });
});
