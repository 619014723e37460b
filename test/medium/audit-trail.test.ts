import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../../src/config/config";
import { buildDataSource, type Databases } from "../../src/db/data-sources";
import { STORE_REGISTRY } from "../../src/server/store-registry";
import { sqlStats } from "../../src/db/sql-stats";
import { AuditAction, type AuditEntryInput } from "../../src/audit/audit-entry";
import { AuditRepository } from "../../src/audit/audit.repository";
import { AuditService } from "../../src/audit/audit.service";
import { GENESIS_HASH, chainHash } from "../../src/audit/chain-verifier";
import { isCanonicalJson } from "../../src/audit/canonical-json";
import { subjectHash } from "../../src/audit/subject-hash";
import { DataCategory } from "../../src/policy/categories";
import { Purpose } from "../../src/policy/purposes";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

type Row = { seq: number; prev_hash: string; hash: string; entry: string } & Record<string, unknown>;

const read = (i: number, over: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  action: AuditAction.SUBJECT_READ,
  actor: `staff-${i % 3}`,
  role: "support",
  purpose: Purpose.CONTACT,
  subjectId: randomUUID(),
  categories: [DataCategory.PHONE, DataCategory.NAME],
  requestId: `req-${i}`,
  ...over,
});

describe(`audit trail (${engineName()})`, () => {
  let config: AppConfig;
  let dbs: Databases;
  let privacy: DataSource;
  let audit: AuditService;

  before(async () => {
    config = testConfig();
    dbs = await openTestDatabases(config);
    privacy = dbs.stores.privacy;
    audit = new AuditService(new AuditRepository(privacy), config.audit.hashKey);
  });
  after(() => dbs.close());
  beforeEach(() => asSuperuser(`TRUNCATE privacy.audit_event`, `UPDATE privacy.audit_head SET seq = 0, hash = '${GENESIS_HASH}'`));

  /** What a superuser can do: switch the guards off, change rows directly, switch them back on. */
  async function asSuperuser(...statements: (string | [string, unknown[]])[]): Promise<void> {
    await privacy.transaction(async (m) => {
      await m.query(`ALTER TABLE privacy.audit_event DISABLE TRIGGER audit_event_append_only`);
      await m.query(`ALTER TABLE privacy.audit_head DISABLE TRIGGER USER`);
      for (const s of statements) await (typeof s === "string" ? m.query(s) : m.query(s[0], s[1]));
      await m.query(`ALTER TABLE privacy.audit_event ENABLE TRIGGER audit_event_append_only`);
      await m.query(`ALTER TABLE privacy.audit_head ENABLE TRIGGER USER`);
    });
  }

  const rows = (): Promise<Row[]> => privacy.query(`SELECT * FROM privacy.audit_event ORDER BY seq`);

  test("a batch is one statement; entries form a chain that SQL and Node hash alike", async () => {
    const before = sqlStats.total;
    await audit.record([0, 1, 2, 3, 4].map((i) => read(i, i === 2 ? { actor: "zoë-€", detail: { note: "ĳ✓" } } : {})));
    assert.equal(sqlStats.total - before, 1);
    for (let i = 5; i < 8; i++) await audit.record([read(i)]);

    const all = await rows();
    assert.deepEqual(all.map((r) => Number(r.seq)), [1, 2, 3, 4, 5, 6, 7, 8]);
    let prev = GENESIS_HASH;
    for (const r of all) {
      assert.equal(r.prev_hash, prev);
      assert.equal(r.hash, chainHash(r.prev_hash, r.entry), `seq ${r.seq}`);
      assert.ok(isCanonicalJson(r.entry));
      const e = JSON.parse(r.entry);
      // The filter columns are generated from the hashed text and cannot say anything else.
      assert.deepEqual([r.action, r.actor, r.role, r.purpose, r.subject_hash, r.occurred_at],
        [e.action, e.actor, e.role, e.purpose, e.subject, e.at]);
      prev = r.hash;
    }
    assert.equal(all[2].actor, "zoë-€");
    assert.deepEqual(await audit.verify(),
      { ok: true, checked: 8, firstBrokenSeq: null, reason: null, headSeq: 8, headHash: prev });
  });

  test("subjects (and customers acting) are stored only as keyed hashes", async () => {
    const subject = randomUUID();
    await audit.record([
      read(1, { subjectId: subject.toUpperCase() }),
      read(2, { subjectId: subject, actor: "login-of-anne", role: "customer", purpose: Purpose.DATA_SUBJECT_RIGHTS }),
    ]);
    for (const needle of [subject, subject.toUpperCase(), subject.replaceAll("-", ""), "login-of-anne"]) {
      const [{ n }] = await privacy.query(
        `SELECT count(*)::int AS n FROM privacy.audit_event e WHERE position(lower($1) IN lower(e::text)) > 0`, [needle]);
      assert.equal(n, 0, needle);
    }
    const all = await rows();
    assert.deepEqual(all.map((r) => r.subject_hash), [subjectHash(config.audit.hashKey, subject), subjectHash(config.audit.hashKey, subject)]);
    const page = await audit.trail({ subjectId: subject.toUpperCase() }, 10);
    assert.deepEqual(page.edges.map((e) => e.node.seq), [2, 1]);
    assert.deepEqual((await audit.trail({ actor: "login-of-anne" }, 10)).edges.map((e) => e.node.seq), [2]);
  });

  test("the database refuses UPDATE, DELETE and TRUNCATE, and moving the head back", async () => {
    await audit.record([read(1), read(2)]);
    for (const sql of [
      `UPDATE privacy.audit_event SET entry = entry WHERE seq = 1`,
      `UPDATE privacy.audit_event SET hash = hash WHERE seq = -1`,
      `DELETE FROM privacy.audit_event WHERE seq = 2`,
      `TRUNCATE privacy.audit_event`,
    ]) {
      await assert.rejects(privacy.query(sql), /append-only/, sql);
    }
    for (const sql of [
      `UPDATE privacy.audit_head SET seq = 0, hash = '${GENESIS_HASH}'`,
      `DELETE FROM privacy.audit_head`,
      `TRUNCATE privacy.audit_head`,
    ]) {
      await assert.rejects(privacy.query(sql), /only moves forward/, sql);
    }
    assert.equal((await rows()).length, 2);
    assert.equal((await audit.verify()).ok, true);
  });

  describe("an edit made directly in SQL is found at that entry", () => {
    const setEntry = (seq: number) =>
      [`UPDATE privacy.audit_event SET entry = replace(entry, '"staff-', '"other-') WHERE seq = $1`, [seq]] as [string, unknown[]];
    const cases: { name: string; edit: (string | [string, unknown[]])[]; seq: number; reason: string }[] = [
      { name: "entry text", edit: [setEntry(3)], seq: 3, reason: "HASH_MISMATCH" },
      { name: "hash", edit: [`UPDATE privacy.audit_event SET hash = md5(hash) || md5(hash) WHERE seq = 3`], seq: 3, reason: "HASH_MISMATCH" },
      {
        name: "entry text with its hash recomputed",
        edit: [setEntry(3), `UPDATE privacy.audit_event SET hash = encode(sha256(convert_to(prev_hash || entry, 'UTF8')), 'hex') WHERE seq = 3`],
        seq: 3,
        reason: "REWRITTEN",
      },
      { name: "a middle row deleted", edit: [`DELETE FROM privacy.audit_event WHERE seq = 3`], seq: 3, reason: "MISSING_ENTRY" },
      { name: "the last row deleted", edit: [`DELETE FROM privacy.audit_event WHERE seq = 6`], seq: 6, reason: "MISSING_ENTRY" },
      { name: "every row deleted", edit: [`TRUNCATE privacy.audit_event`], seq: 1, reason: "MISSING_ENTRY" },
      {
        name: "a row appended behind the gateway's back",
        edit: [`INSERT INTO privacy.audit_event (seq, prev_hash, hash, entry)
          SELECT 7, hash, encode(sha256(convert_to(hash || '{}', 'UTF8')), 'hex'), '{}' FROM privacy.audit_head`],
        seq: 7,
        reason: "BEYOND_HEAD",
      },
    ];
    for (const c of cases) {
      test(c.name, async () => {
        await audit.record([0, 1, 2, 3, 4, 5].map((i) => read(i)));
        assert.equal((await audit.verify()).ok, true);
        await asSuperuser(...c.edit);
        const result = await audit.verify();
        assert.deepEqual([result.ok, result.firstBrokenSeq, result.reason], [false, c.seq, c.reason]);
        assert.equal(result.checked, c.seq - 1);
        // The guards are back on after the edit.
        await assert.rejects(privacy.query(`DELETE FROM privacy.audit_event`), /append-only/);
      });
    }

    test("the generated filter columns follow an edit of the text (they cannot hide it)", async () => {
      await audit.record([read(0), read(1)]);
      await asSuperuser(setEntry(1));
      const [first] = await rows();
      assert.equal(first.actor, "other-0");
    });
  });

  test("concurrent writers (pool connections, transactions, a second gateway) never fork the chain", async () => {
    // A second DataSource is what a second gateway instance has: its own pool (on the embedded engine it
    // shares the one session, which serialises by construction).
    const second = buildDataSource("privacy", STORE_REGISTRY.privacy, config.databaseUrls.privacy, { poolSize: 4, engine: dbs.engine });
    await second.initialize();
    try {
      const other = new AuditService(new AuditRepository(second), config.audit.hashKey);
      let expected = 0;
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        const batch = Array.from({ length: 1 + (i % 3) }, (_, j) => read(i * 10 + j));
        expected += batch.length;
        writes.push((i % 2 ? other : audit).record(batch));
      }
      for (let i = 0; i < 10; i++) {
        const rollBack = i % 2 === 1;
        if (!rollBack) expected += 2;
        const ds = i < 5 ? privacy : second;
        writes.push(ds.transaction(async (m) => {
          await audit.record([read(1000 + i, { requestId: `tx-${i}` }), read(2000 + i, { requestId: `tx-${i}` })], m);
          if (rollBack) throw new Error("roll back");
        }).catch((err: Error) => assert.equal(err.message, "roll back")));
      }
      await Promise.all(writes);

      const all = await rows();
      assert.deepEqual(all.map((r) => Number(r.seq)), Array.from({ length: expected }, (_, i) => i + 1));
      assert.equal(all.filter((r) => /"requestId":"tx-\d"/.test(r.entry)).length, 10);
      assert.deepEqual(await audit.verify(),
        { ok: true, checked: expected, firstBrokenSeq: null, reason: null, headSeq: expected, headHash: all.at(-1)?.hash });
    } finally {
      await second.destroy();
    }
  });

  describe("paging and filters", () => {
    const subject = randomUUID();
    const times = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));
    let clock = 0;

    beforeEach(async () => {
      // Entries at 00:00, 00:01, … so time filters have known answers.
      const timed = new AuditService(new AuditRepository(privacy), config.audit.hashKey, { now: () => times(clock++) });
      clock = 0;
      for (let i = 0; i < 12; i++) {
        await timed.record([read(i, {
          action: i % 4 === 0 ? AuditAction.DENIED : AuditAction.SUBJECT_READ,
          purpose: i % 3 === 0 ? Purpose.ORDERS : Purpose.CONTACT,
          subjectId: i % 5 === 0 ? subject : randomUUID(),
          denied: i % 4 === 0 ? [{ field: "Subject.phone", code: "PURPOSE_NOT_ALLOWED" }] : [],
          detail: { i },
        })]);
      }
    });

    const seqs = async (filter: Parameters<AuditService["trail"]>[0], first = 50) =>
      (await audit.trail(filter, first)).edges.map((e) => e.node.seq);

    test("pages run newest first and end", async () => {
      const p1 = await audit.trail({}, 5);
      assert.deepEqual(p1.edges.map((e) => e.node.seq), [12, 11, 10, 9, 8]);
      assert.equal(p1.pageInfo.hasNextPage, true);
      const p2 = await audit.trail({}, 5, p1.pageInfo.endCursor);
      assert.deepEqual(p2.edges.map((e) => e.node.seq), [7, 6, 5, 4, 3]);
      const p3 = await audit.trail({}, 5, p2.pageInfo.endCursor);
      assert.deepEqual(p3.edges.map((e) => e.node.seq), [2, 1]);
      assert.equal(p3.pageInfo.hasNextPage, false);
      const node = p3.edges[1].node;
      assert.deepEqual(
        [node.action, node.actor, node.purpose, node.occurredAt?.toISOString(), node.categories, node.denied, node.detail],
        [AuditAction.DENIED, "staff-0", Purpose.ORDERS, times(0).toISOString(), ["NAME", "PHONE"],
          [{ field: "Subject.phone", code: "PURPOSE_NOT_ALLOWED" }], { i: 0 }],
      );
      assert.equal(node.subjectHash, subjectHash(config.audit.hashKey, subject));
    });

    test("each filter, and filters combined with paging", async () => {
      assert.deepEqual(await seqs({ action: AuditAction.DENIED }), [9, 5, 1]);
      assert.deepEqual(await seqs({ actor: "staff-1" }), [11, 8, 5, 2]);
      assert.deepEqual(await seqs({ purpose: Purpose.ORDERS }), [10, 7, 4, 1]);
      assert.deepEqual(await seqs({ subjectId: subject }), [11, 6, 1]);
      assert.deepEqual(await seqs({ from: times(3), to: times(6) }), [6, 5, 4]);
      assert.deepEqual(await seqs({ from: times(10) }), [12, 11]);
      assert.deepEqual(await seqs({ to: times(1) }), [1]);
      assert.deepEqual(await seqs({ action: AuditAction.SUBJECT_READ, purpose: Purpose.ORDERS }), [10, 7, 4]);
      const p1 = await audit.trail({ actor: "staff-1" }, 3);
      const p2 = await audit.trail({ actor: "staff-1" }, 3, p1.pageInfo.endCursor);
      assert.deepEqual([p2.edges.map((e) => e.node.seq), p2.pageInfo.hasNextPage], [[2], false]);
      assert.deepEqual(await seqs({ actor: "nobody" }), []);
    });

    test("bad arguments are BAD_USER_INPUT, never a database error", async () => {
      for (const call of [
        () => audit.trail({}, 0),
        () => audit.trail({}, 101),
        () => audit.trail({}, 5, "bm90LWEtY3Vyc29y"),
        () => audit.trail({}, 5, Buffer.from("audit:1; DROP TABLE x").toString("base64url")),
        () => audit.trail({ from: times(5), to: times(5) }, 5),
      ]) {
        await assert.rejects(call(), (err: { extensions?: { code?: string } }) => err.extensions?.code === "BAD_USER_INPUT");
      }
    });
  });
});
