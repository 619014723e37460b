import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { maskIban, truncateIp } from "../../src/policy/masking";
import { decideCategory, dependsOnSubjectChoices } from "../../src/access/category-decision";
import { DataCategory } from "../../src/policy/categories";
import { Purpose } from "../../src/policy/purposes";
import { NO_CHOICES } from "../../src/access/subject-choices";

test("IP addresses are cut to /24 (IPv4) and /48 (IPv6)", () => {
  assert.equal(truncateIp("192.0.2.77"), "192.0.2.0");
  assert.equal(truncateIp("2001:db8:85a3::8a2e:370:7334"), "2001:db8:85a3::");
  assert.equal(truncateIp("2001:0db8:0000:0042:0000:8a2e:0370:7334"), "2001:db8:0::");
  assert.equal(truncateIp("::1"), "0:0:0::");
  assert.equal(truncateIp("::ffff:192.0.2.1"), "0:0:0::");
  assert.equal(truncateIp("not an ip"), null, "anything else is withheld");
  assert.equal(truncateIp(null), null);
});

test("a truncated IPv4 address never keeps the host byte", () => {
  fc.assert(fc.property(fc.ipV4(), (ip) => {
    const cut = truncateIp(ip)!;
    assert.equal(cut, `${ip.split(".").slice(0, 3).join(".")}.0`);
  }));
});

test("a truncated IPv6 address keeps at most its first 48 bits", () => {
  fc.assert(fc.property(fc.ipV6(), (ip) => {
    const cut = truncateIp(ip)!;
    assert.match(cut, /^[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::$/);
  }));
});

test("an IBAN keeps its country and last four characters", () => {
  assert.equal(maskIban("NL91ABNA0417164300"), "NL** **** **** **** 4300");
  assert.equal(maskIban("NL91 ABNA 0417 1643 00"), "NL** **** **** **** 4300");
  assert.equal(maskIban(null), null);
});

test("the subject's choices only take cells away, and the matrix decides first", () => {
  const state = (over: Partial<typeof NO_CHOICES>) => ({ ...NO_CHOICES, ...over });
  assert.equal(decideCategory(Purpose.ANALYTICS, DataCategory.NAME, NO_CHOICES).allowed, false);
  const restricted = decideCategory(Purpose.SERVICE_BILLING, DataCategory.NAME, state({ restricted: true }));
  assert.deepEqual(restricted.allowed ? null : restricted.code, "PROCESSING_RESTRICTED");
  assert.equal(decideCategory(Purpose.LEGAL_TAX, DataCategory.NAME, state({ restricted: true })).allowed, true);
  const withdrawn = decideCategory(Purpose.CONTACT, DataCategory.GENDER, state({ withdrawnConsents: new Set(["CONTACT:GENDER"]) }));
  assert.deepEqual(withdrawn.allowed ? null : withdrawn.code, "CONSENT_WITHDRAWN");
  const objected = decideCategory(Purpose.WEBSITE, DataCategory.IP_ADDRESS, state({ objections: new Set([Purpose.WEBSITE]) }));
  assert.deepEqual(objected.allowed ? null : objected.code, "OBJECTION_IN_FORCE");
  assert.equal(decideCategory(Purpose.WEBSITE, DataCategory.NAME, state({ objections: new Set([Purpose.WEBSITE]) })).allowed, true, "contract cells stay");
  assert.equal(dependsOnSubjectChoices(Purpose.DATA_SUBJECT_RIGHTS), false, "no state is loaded for the subject's own rights");
  assert.equal(dependsOnSubjectChoices(Purpose.ORDERS), true, "restriction stops ORDERS");
});
