import { test } from "node:test";
import assert from "node:assert/strict";
import type { DataSource } from "typeorm";
import { StoreStatements } from "../../src/db/store-statements";
import { SqlStats } from "../../src/db/sql-stats";
import { StoreUnavailableError } from "../../src/db/store-error";

/** A DataSource whose pool answers with `answer` (TypeORM keeps node-postgres' pool as `driver.master`). */
const storeAnswering = (answer: (q: unknown, values?: unknown) => Promise<{ rows: unknown[] }>) =>
  ({ driver: { master: { query: answer } } }) as unknown as DataSource;
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test("every statement is counted, in total and per store", async () => {
  const stats = new SqlStats();
  const crm = new StoreStatements("crm", storeAnswering(async () => ({ rows: [{ n: 1 }] })), stats);
  const privacy = new StoreStatements("privacy", storeAnswering(async () => ({ rows: [{ parts: { a: [1] } }] })), stats);
  assert.deepEqual(await crm.rows("SELECT 1 AS n", []), [{ n: 1 }]);
  assert.deepEqual(await crm.run("SELECT 1 AS n", []), [{ n: 1 }]);
  assert.deepEqual(await privacy.combined([{ name: "a", text: "SELECT 1", params: [], returns: true }]), { a: [1] });
  assert.deepEqual({ total: stats.total, errors: stats.errors, byStore: stats.byStore }, { total: 3, errors: 0, byStore: { crm: 2, privacy: 1 } });
});

test("rows: any failure is SOURCE_UNAVAILABLE naming the store (the driver's text may hold SQL)", async () => {
  const stats = new SqlStats();
  const bug = withCode('syntax error at or near "SELEC"', "42601");
  const err = await new StoreStatements("billing", storeAnswering(async () => { throw bug; }), stats).rows("SELEC 1", []).catch((e) => e);
  assert.ok(err instanceof StoreUnavailableError);
  assert.equal(err.source, "billing");
  assert.equal(err.cause, bug);
  assert.equal(stats.errors, 1);
});

test("run and combined: only an unreachable store is SOURCE_UNAVAILABLE; other failures reach the caller unchanged", async () => {
  const down = storeAnswering(async () => { throw withCode("connect ECONNREFUSED 127.0.0.1:5999", "ECONNREFUSED"); });
  const refused = await new StoreStatements("privacy", down, new SqlStats()).run("SELECT 1", []).catch((e) => e);
  assert.ok(refused instanceof StoreUnavailableError && refused.source === "privacy");
  const preconditionFailed = withCode("request is not open", "GW001");
  const strict = storeAnswering(async () => { throw preconditionFailed; });
  const part = { name: "a", text: "SELECT 1", params: [], returns: true };
  assert.equal(await new StoreStatements("privacy", strict, new SqlStats()).combined([part]).catch((e) => e), preconditionFailed);
  assert.equal(await new StoreStatements("privacy", strict, new SqlStats()).run("SELECT 1", []).catch((e) => e), preconditionFailed);
});

test("a store that is not connected yet: rows report it unavailable, run does not hide the cause", async () => {
  const unconnected = { driver: {} } as unknown as DataSource;
  assert.ok((await new StoreStatements("weblog", unconnected, new SqlStats()).rows("SELECT 1", []).catch((e) => e)) instanceof StoreUnavailableError);
  const err = await new StoreStatements("privacy", unconnected, new SqlStats()).run("SELECT 1", []).catch((e) => e);
  assert.ok(!(err instanceof StoreUnavailableError));
  assert.match(err.message, /privacy store is not connected/);
});
