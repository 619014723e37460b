import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { canonicalJson, isCanonicalJson } from "../../src/audit/canonical-json";
import { subjectHash } from "../../src/audit/subject-hash";
import { encodeEntry } from "../../src/audit/audit-entry.codec";
import { AuditAction, type AuditEntryInput, type DetailRecord } from "../../src/audit/audit-entry";
import { ChainVerifier, GENESIS_HASH, chainHash, type ChainBreak, type ChainRow } from "../../src/audit/chain-verifier";
import { DataCategory } from "../../src/policy/categories";
import { Purpose } from "../../src/policy/purposes";

const KEY = "test-audit-key-0123456789-0123456789";
const SUBJECT = "6f1c2b7e-9a4d-4c1e-8b2f-3d5e7a9c1b0d";

describe("canonical JSON (RFC 8785)", () => {
  test("the RFC's own example serialises to its expected text", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    assert.equal(
      canonicalJson(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test("only the canonical text of a value counts as canonical", () => {
    assert.equal(isCanonicalJson('{"a":1,"b":[2]}'), true);
    assert.equal(isCanonicalJson('{"b":[2],"a":1}'), false);
    assert.equal(isCanonicalJson('{"a": 1}'), false);
    assert.equal(isCanonicalJson("not json"), false);
  });
});

describe("subject hashing", () => {
  test("is HMAC-SHA256 of the lower-cased id with the configured key", () => {
    const expected = createHmac("sha256", KEY).update(SUBJECT).digest("hex");
    assert.equal(subjectHash(KEY, SUBJECT), expected);
    assert.equal(subjectHash(KEY, SUBJECT.toUpperCase()), expected);
    assert.notEqual(subjectHash(`${KEY}-other`, SUBJECT), expected);
  });
});

describe("stored entries", () => {
  const base: AuditEntryInput = {
    action: AuditAction.DENIED,
    actor: "staff-7",
    role: "support",
    purpose: Purpose.CONTACT,
    subjectId: SUBJECT,
    categories: [DataCategory.PHONE, DataCategory.EMAIL, DataCategory.PHONE],
    denied: [{ field: "Subject.phone", code: "FORBIDDEN" }, { field: "Subject.email", code: "FORBIDDEN" }],
    requestId: "req-1",
    detail: { count: 2, bad: Number.NaN, missing: undefined as unknown as null },
  };
  const at = new Date("2026-01-02T03:04:05.678Z");

  test("are canonical, sorted and complete, whatever order the caller collected facts in", () => {
    const text = encodeEntry(base, at, KEY);
    const reordered = encodeEntry(
      { ...base, categories: [DataCategory.EMAIL, DataCategory.PHONE], denied: [...(base.denied ?? [])].reverse() },
      at,
      KEY,
    );
    assert.equal(text, reordered);
    assert.ok(isCanonicalJson(text));
    assert.deepEqual(JSON.parse(text), {
      v: 1,
      at: "2026-01-02T03:04:05.678Z",
      action: "DENIED",
      actor: "staff-7",
      role: "support",
      purpose: "CONTACT",
      subject: subjectHash(KEY, SUBJECT),
      categories: ["EMAIL", "PHONE"],
      denied: [{ code: "FORBIDDEN", field: "Subject.email" }, { code: "FORBIDDEN", field: "Subject.phone" }],
      requestId: "req-1",
      detail: { bad: null, count: 2 },
      policyVersion: null,
    });
    assert.ok(!text.includes(SUBJECT));
  });

  test("a detail list of flat records keeps its order; each record is canonical, a bad count becomes null", () => {
    const tasks: DetailRecord[] = [{ source: "crm", to: "DONE", from: "PENDING", attempts: Number.POSITIVE_INFINITY }, { source: "auth", from: "PENDING", to: "FAILED" }];
    const text = encodeEntry({ ...base, detail: { tasks, sources: ["crm", "auth"] } }, at, KEY);
    assert.ok(isCanonicalJson(text));
    assert.deepEqual(JSON.parse(text).detail, {
      sources: ["crm", "auth"],
      tasks: [{ attempts: null, from: "PENDING", source: "crm", to: "DONE" }, { from: "PENDING", source: "auth", to: "FAILED" }],
    });
    assert.ok(text.includes(`"tasks":[{"attempts":null,"from":"PENDING","source":"crm","to":"DONE"},{"from"`), "keys sorted, list order kept");
  });

  test("a customer acting on their own data is stored as a keyed hash too", () => {
    const text = encodeEntry({ ...base, actor: "anne@example.nl", role: "customer" }, at, KEY);
    assert.ok(!text.includes("anne"));
    assert.equal(JSON.parse(text).actor, createHmac("sha256", KEY).update("anne@example.nl").digest("hex"));
  });
});

/** A valid chain of n rows, as privacy.append_audit would write it. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = canonicalJson({ n: seq, action: "SUBJECT_READ" });
    const hash = chainHash(prev, entry);
    rows.push({ seq, prevHash: prev, hash, entry });
    prev = hash;
  }
  return rows;
}

function verify(rows: ChainRow[], head: { seq: number; hash: string }): ChainBreak | null {
  const v = new ChainVerifier();
  for (const row of rows) {
    const broken = v.feed(row);
    if (broken) return broken;
  }
  return v.finish(head);
}

const EDITS = ["entry", "hash", "prev", "entry+hash", "prev+hash", "all", "non-canonical", "delete"] as const;

/** Applies one kind of edit to row `at` (0-based), the way someone with SQL access could. */
function edit(rows: ChainRow[], at: number, kind: (typeof EDITS)[number]): ChainRow[] {
  const out = rows.map((r) => ({ ...r }));
  const r = out[at];
  const forged = canonicalJson({ n: r.seq, action: "DENIED" });
  const fake = "f".repeat(64);
  if (kind === "delete") return out.filter((_, i) => i !== at);
  if (kind === "entry" || kind === "entry+hash" || kind === "all") r.entry = forged;
  if (kind === "non-canonical") r.entry = `{ "n": ${r.seq} }`;
  if (kind === "prev" || kind === "prev+hash" || kind === "all") r.prevHash = fake;
  if (kind === "hash") r.hash = fake;
  if (kind === "entry+hash" || kind === "prev+hash" || kind === "all" || kind === "non-canonical") {
    r.hash = chainHash(r.prevHash, r.entry);
  }
  return out;
}

describe("chain verification", () => {
  test("an intact chain verifies; so does an empty one", () => {
    const rows = chain(5);
    assert.equal(verify(rows, { seq: 5, hash: rows[4].hash }), null);
    assert.equal(verify([], { seq: 0, hash: GENESIS_HASH }), null);
  });

  test("any single edit of any row is reported at exactly that row", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.constantFrom(...EDITS), (n, pick, kind) => {
        const rows = chain(n);
        const at = pick % n;
        const head = { seq: n, hash: rows[n - 1].hash };
        const broken = verify(edit(rows, at, kind), head);
        assert.equal(broken?.seq, at + 1, `${kind} at ${at + 1} of ${n}: ${JSON.stringify(broken)}`);
      }),
      { numRuns: 500 },
    );
  });

  test("reasons name what happened", () => {
    const rows = chain(6);
    const head = { seq: 6, hash: rows[5].hash };
    const reason = (kind: (typeof EDITS)[number], at: number) => verify(edit(rows, at, kind), head)?.reason;
    assert.equal(reason("entry", 2), "HASH_MISMATCH");
    assert.equal(reason("entry+hash", 2), "REWRITTEN");
    assert.equal(reason("entry+hash", 5), "HEAD_MISMATCH");
    assert.equal(reason("prev+hash", 2), "PREV_HASH_MISMATCH");
    assert.equal(reason("non-canonical", 2), "NOT_CANONICAL");
    assert.equal(reason("delete", 2), "MISSING_ENTRY");
    assert.deepEqual(verify(rows, { seq: 5, hash: rows[4].hash }), { seq: 6, reason: "BEYOND_HEAD" });
  });
});
