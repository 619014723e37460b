import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Databases } from "../../src/db/data-sources";
import { sqlStats } from "../../src/db/sql-stats";
import { createSources } from "../../src/sources/sources";
import { DemandSubjects } from "../../src/disclosure/demand-subject";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName, openTestDatabases } from "../support/test-databases";

/** Naming the subject of a legal demand, on real sources: one match or a refusal with the reason. */
describe(`a legal demand's subject (${engineName()})`, () => {
  let dbs: Databases;
  let subjects: DemandSubjects;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  let cees: SubjectFixture;
  // Fixed instants: nothing here is compared with today.
  const T = new Date("2026-10-01T14:03:00Z");
  const plus = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
  const login = (s: SubjectFixture, ip: string, at: Date) => dbs.stores.auth.query(
    `INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, $3::inet, true, 'test')`, [s.accountId, at, ip]);
  const request = (accountId: string | null, ip: string, at: Date) => dbs.stores.weblog.query(
    `INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id) VALUES ($1, $2::inet, 'GET', '/', 200, 'test', $3)`,
    [at, ip, accountId]);
  const byIp = (ip: string, at: Date) => subjects.resolve({ by: "IP_AND_MOMENT", ip, at });

  before(async () => {
    dbs = await openTestDatabases();
    subjects = new DemandSubjects(createSources(dbs.stores));
    [anne, bert, cees] = [await createSubject(dbs.stores), await createSubject(dbs.stores), await createSubject(dbs.stores)];
    await login(anne, "192.0.2.15", T);
    await request(bert.accountId, "198.51.100.9", T); // bert browsed logged in from a shared address…
    await login(cees, "198.51.100.9", plus(20)); // …and cees logged in from it twenty minutes later
    await request(null, "203.0.113.5", T); // a visitor who was not logged in
  });
  after(() => dbs?.close());

  test("an IP address and a moment: the one subject that used it within the hour around the moment", async () => {
    assert.deepEqual(await byIp("192.0.2.15", plus(10)), { subjectId: anne.id });
    assert.deepEqual(await byIp("192.0.2.15", plus(30)), { subjectId: anne.id }, "the window's edge is inside");
    assert.deepEqual(await byIp("192.0.2.15", plus(-30)), { subjectId: anne.id });
    assert.deepEqual(await byIp("198.51.100.9", plus(-25)), { subjectId: bert.id }, "a logged-in web request names its account");
  });

  test("two candidates are refused (no dragnet), and so is a moment outside any session or an anonymous request", async () => {
    assert.deepEqual(await byIp("198.51.100.9", plus(10)), { refusal: "SUBJECT_AMBIGUOUS", candidates: 2 });
    assert.deepEqual(await byIp("192.0.2.15", plus(31)), { refusal: "SUBJECT_NOT_FOUND", candidates: 0 });
    assert.deepEqual(await byIp("203.0.113.5", T), { refusal: "SUBJECT_NOT_FOUND", candidates: 0 }, "anonymous traffic names nobody");
  });

  test("by subject id, customer number or e-mail address (without case)", async () => {
    assert.deepEqual(await subjects.resolve({ by: "SUBJECT_ID", subjectId: anne.id.toUpperCase() }), { subjectId: anne.id });
    assert.deepEqual(await subjects.resolve({ by: "CUSTOMER_NUMBER", customerNumber: ` ${bert.customerNumber} ` }), { subjectId: bert.id });
    assert.deepEqual(await subjects.resolve({ by: "EMAIL", email: cees.email.toUpperCase() }), { subjectId: cees.id });
    assert.deepEqual(await subjects.resolve({ by: "SUBJECT_ID", subjectId: "00000000-0000-4000-8000-000000000000" }), { refusal: "SUBJECT_NOT_FOUND", candidates: 0 });
    assert.deepEqual(await subjects.resolve({ by: "EMAIL", email: "nobody@example.nl" }), { refusal: "SUBJECT_NOT_FOUND", candidates: 0 });
  });

  test("an address or id that is not one is BAD_USER_INPUT, without asking any source or naming the value", async () => {
    const before = sqlStats.total;
    for (const naming of [{ by: "IP_AND_MOMENT", ip: "999.1.1.1", at: T }, { by: "SUBJECT_ID", subjectId: "Jan Jansen" }] as const) {
      await assert.rejects(subjects.resolve(naming), (err: { extensions?: { code?: string }; message: string }) =>
        err.extensions?.code === "BAD_USER_INPUT" && !/999\.1|Jan Jansen/.test(err.message));
    }
    assert.equal(sqlStats.total, before);
  });
});
