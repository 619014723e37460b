import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Pseudonymizer } from "../../src/access/pseudonym";
import { PLAIN_CURSORS, sealedCursors } from "../../src/common/cursor";
import { SettableClock } from "../../src/common/clock";
import { Purpose } from "../../src/policy/purposes";

const KEY = "test-pseudonym-key-0123456789-0123456789";
const { ANALYTICS, IMPROVEMENT, WEBSITE } = Purpose;

test("a pseudonym is stable within a purpose and month, and differs across purposes, months and keys", () => {
  const clock = new SettableClock("2026-12-01T00:00:00Z");
  const p = new Pseudonymizer(KEY, clock);
  const id = randomUUID();
  const december = p.pseudonym(ANALYTICS, id);
  assert.match(december, /^ps_[0-9a-f]{32}$/);
  assert.ok(!december.includes(id.replace(/-/g, "").slice(0, 8)));
  clock.set("2026-12-31T23:59:59Z");
  assert.equal(p.pseudonym(ANALYTICS, id), december, "the whole month");
  assert.notEqual(p.pseudonym(IMPROVEMENT, id), december, "another purpose");
  clock.set("2027-01-01T00:00:00Z");
  assert.notEqual(p.pseudonym(ANALYTICS, id), december, "the next month");
  assert.equal(p.pseudonym(ANALYTICS, id, new Date("2026-12-15T12:00:00Z")), december, "a period is a calendar month (UTC)");
  assert.notEqual(new Pseudonymizer(`${KEY}x`, clock).pseudonym(ANALYTICS, id, new Date("2026-12-15T12:00:00Z")), december, "another key");
  assert.notEqual(p.pseudonym(ANALYTICS, randomUUID()), p.pseudonym(ANALYTICS, id), "other ids, other pseudonyms");
});

test("only analytics purposes get pseudonyms and sealed cursors", () => {
  const p = new Pseudonymizer(KEY, new SettableClock("2026-12-05T00:00:00Z"));
  const id = randomUUID();
  assert.equal(p.identifierTransform(WEBSITE), null);
  assert.equal(p.cursors(WEBSITE), PLAIN_CURSORS);
  assert.equal(p.identifierTransform(ANALYTICS)!(id), p.pseudonym(ANALYTICS, id));
  assert.equal(p.identifierTransform(IMPROVEMENT)!(null), null);
  assert.notEqual(p.cursors(IMPROVEMENT), PLAIN_CURSORS);
});

test("a sealed cursor opens only with its key and purpose, shows nothing, and is never the same twice", () => {
  const key = Buffer.alloc(32, 7);
  const sealed = sealedCursors(key, "ANALYTICS");
  const id = randomUUID();
  const a = sealed.encode("subject", id);
  const b = sealed.encode("subject", id);
  assert.notEqual(a, b);
  assert.equal(sealed.decode("subject", a), id);
  assert.ok(!Buffer.from(a, "base64url").toString("latin1").includes(id));
  const bad = (fn: () => unknown) => assert.throws(fn, (e: any) => e.extensions?.code === "BAD_USER_INPUT");
  bad(() => sealed.decode("log", a));
  bad(() => sealedCursors(key, "IMPROVEMENT").decode("subject", a));
  bad(() => sealedCursors(Buffer.alloc(32, 8), "ANALYTICS").decode("subject", a));
  bad(() => sealed.decode("subject", PLAIN_CURSORS.encode("subject", id)));
  bad(() => sealed.decode("subject", `${a.slice(0, 20)}${a[20] === "A" ? "B" : "A"}${a.slice(21)}`));
  bad(() => sealed.decode("subject", "!!"));
});
