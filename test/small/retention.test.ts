import { test } from "node:test";
import assert from "node:assert/strict";
import { DataCategory } from "../../src/policy/categories";
import {
  addDays, addMonths, deletionDay, firstKeptAnchor, fiscalRetentionEnd, RETENTION_RULES, retentionEnd, ruleById, ruleForCategory, utcDate,
} from "../../src/policy/retention";

test("addMonths adds calendar months and clamps to the month's last day", () => {
  assert.equal(addMonths("2026-01-15", 6), "2026-07-15");
  assert.equal(addMonths("2024-12-31", 84), "2031-12-31");
  assert.equal(addMonths("2025-08-31", 6), "2026-02-28");
  assert.equal(addMonths("2023-08-31", 6), "2024-02-29");
  assert.equal(addMonths("2025-07-10", 6), "2026-01-10", "across a year end");
  assert.throws(() => addMonths("15-01-2026", 6));
});

test("fiscal retention ends on 31 December of the invoice's year plus 7 years", () => {
  assert.equal(fiscalRetentionEnd("2024-03-01"), "2031-12-31");
  assert.equal(fiscalRetentionEnd("2019-12-31"), "2026-12-31");
  assert.equal(fiscalRetentionEnd("2019-01-01"), "2026-12-31", "any day of the year ends on the same day");
});

test("each rule counts its months from its own anchor", () => {
  assert.equal(retentionEnd(ruleById("crm-after-contract"), "2026-01-15"), "2026-07-15");
  assert.equal(retentionEnd(ruleById("activity-rolling"), "2025-08-31"), "2026-02-28");
  assert.equal(retentionEnd(ruleById("fiscal"), "2024-03-01"), "2031-12-31");
  assert.equal(retentionEnd(ruleById("privacy-records"), "2026-05-02"), "2031-05-02");
  assert.throws(() => ruleById("no-such-rule"), /not in the policy/);
});

test("every personal-data category has exactly one rule", () => {
  for (const category of Object.values(DataCategory)) {
    assert.equal(RETENTION_RULES.filter((r) => r.categories.includes(category)).length, 1, category);
  }
  assert.equal(ruleForCategory(DataCategory.PAYMENT).id, "fiscal");
  assert.equal(ruleForCategory(DataCategory.IP_ADDRESS).id, "activity-rolling");
  assert.equal(ruleForCategory(DataCategory.EMAIL).id, "crm-after-contract");
});

test("retention is judged on the UTC calendar date", () => {
  assert.equal(utcDate(new Date("2026-12-31T23:30:00-02:00")), "2027-01-01");
  assert.equal(utcDate("2026-03-10T23:30:00Z"), "2026-03-10");
});

test("firstKeptAnchor inverts retentionEnd: a record anchored that day is kept today, one anchored the day before is not", () => {
  const rule = ruleById("activity-rolling");
  for (const today of ["2026-08-31", "2026-03-01", "2026-02-28", "2024-02-29", "2026-12-05", "2027-01-01"]) {
    const first = firstKeptAnchor(rule, today);
    assert.ok(retentionEnd(rule, first) >= today, `${today}: ${first} is kept`);
    assert.ok(retentionEnd(rule, addDays(first, -1)) < today, `${today}: the day before ${first} is not`);
  }
  assert.equal(firstKeptAnchor(rule, "2026-12-05"), "2026-06-05");
  assert.equal(firstKeptAnchor(rule, "2026-08-31"), "2026-03-01", "02-28 + 6 months is 08-28: already past on 08-31");
});

test("deletionDay: a run on the last day the report states keeps the record, a run on deletionDay does not", () => {
  for (const rule of RETENTION_RULES) {
    for (const anchor of ["2025-08-31", "2026-02-28", "2024-02-29", "2026-06-05", "2026-12-31"]) {
      const lastDay = retentionEnd(rule, anchor);
      assert.ok(firstKeptAnchor(rule, lastDay) <= anchor, `${rule.id} ${anchor}: kept on ${lastDay}`);
      assert.ok(firstKeptAnchor(rule, deletionDay(lastDay)) > anchor, `${rule.id} ${anchor}: gone on ${deletionDay(lastDay)}`);
    }
  }
  assert.equal(deletionDay("2026-12-31"), "2027-01-01");
});
