import { test } from "node:test";
import assert from "node:assert/strict";
import { afterContract, categoryRetention, fiscal, rolling } from "../../src/rights/access-report/report-retention";
import { ruleById } from "../../src/policy/retention";
import { purposesFor } from "../../src/rights/access-report/report-categories";
import { DataCategory } from "../../src/policy/categories";
import { PURPOSE_MATRIX } from "../../src/policy/matrix";
import { PURPOSES } from "../../src/policy/purposes";
import { toPrivacyStatus } from "../../src/rights/choices/privacy-status";
import { NO_RECORDS, spanOf } from "../../src/common/record-span";

const contract = ruleById("crm-after-contract");
const activity = ruleById("activity-rolling");

test("fiscal: 31 December of the invoice's year plus 7 years, per invoice; the category keeps the latest", () => {
  const part = fiscal(ruleById("fiscal"), [
    { invoiceNumber: "2024-1", invoiceDate: "2024-03-01" },
    { invoiceNumber: "2019-1", invoiceDate: "2019-12-31" },
  ], 2);
  assert.deepEqual(part.perInvoice, [
    { invoiceNumber: "2024-1", until: "2031-12-31" },
    { invoiceNumber: "2019-1", until: "2026-12-31" },
  ]);
  assert.equal(part.until, "2031-12-31");
  assert.equal(part.count, 4);
});

test("after the contract: contract end + 6 months, open-ended while the contract runs", () => {
  assert.equal(afterContract(contract, "crm customer record", "crm", 1, "2026-01-15").until, "2026-07-15");
  const running = afterContract(contract, "crm customer record", "crm", 1, null);
  assert.equal(running.until, null);
  assert.match(running.explanation, /6 months after the contract ends; the contract is still running/);
  assert.equal(afterContract(contract, "login account", "auth", 0, "2026-01-15").until, null, "none held");
});

test("rolling: the earliest upcoming deletion; a category combines its parts by its own rule", () => {
  const times = [new Date("2026-03-10T23:30:00Z"), new Date("2026-01-05T08:00:00Z")];
  const logins = rolling(activity, "login events", "auth", spanOf(times), "2026-03-11");
  assert.equal(logins.until, "2026-07-05");
  assert.match(logins.explanation, /the newest through 2026-09-10, each deleted the day after$/);
  assert.equal(rolling(activity, "login events", "auth", NO_RECORDS, "2026-03-11").until, null, "none held");
  const web = rolling(activity, "web access log", "weblog", spanOf(["2026-02-01T00:00:00.000Z"]), "2026-03-11");
  assert.equal(categoryRetention(DataCategory.IP_ADDRESS, [logins, web]).until, "2026-07-05");
  const invoices = fiscal(ruleById("fiscal"), [{ invoiceNumber: "1", invoiceDate: "2024-03-01" }], 1);
  const methods = afterContract(contract, "payment methods", "billing", 1, null);
  const payment = categoryRetention(DataCategory.PAYMENT, [invoices, methods]);
  assert.equal(payment.rule, "fiscal");
  assert.equal(payment.until, null, "payment methods stay while the contract runs");
  const ended = categoryRetention(DataCategory.PAYMENT, [invoices, afterContract(contract, "payment methods", "billing", 1, "2026-01-15")]);
  assert.equal(ended.until, "2031-12-31");
  assert.equal(categoryRetention(DataCategory.CREDENTIALS, [afterContract(contract, "login account", "auth", 0, null)]).explanation,
    "No data of this category is held");
});

test("purposes per category are exactly the matrix cells, with lawful basis text and recipients", () => {
  const status = toPrivacyStatus("00000000-0000-4000-8000-000000000001", []);
  for (const category of Object.values(DataCategory)) {
    const listed = purposesFor(category, status);
    assert.deepEqual(listed.map((p) => p.purpose), PURPOSES.filter((p) => PURPOSE_MATRIX[p][category]));
    assert.ok(listed.every((p) => p.inEffect && /^AVG art\. 6\(1\)\([a-f]\)$/.test(p.lawfulBasis) && p.recipients.length > 0));
  }
  const ip = purposesFor(DataCategory.IP_ADDRESS, status).find((p) => p.purpose === "ANALYTICS")!;
  assert.deepEqual([ip.access, ip.mask], ["MASK", "IP_PREFIX"]);
});

test("a span of record times: how many, the oldest and the newest, whatever their order and form", () => {
  const times = ["2026-02-01T00:00:00.000Z", new Date("2025-12-31T23:59:59Z"), new Date("2026-03-10T23:30:00Z")];
  assert.deepEqual(spanOf(times), { count: 3, oldest: times[1], newest: times[2] });
  assert.deepEqual(spanOf([]), NO_RECORDS);
});
