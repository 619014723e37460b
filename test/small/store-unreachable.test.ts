import { test } from "node:test";
import assert from "node:assert/strict";
import { inStore, isUnreachable, StoreUnavailableError } from "../../src/db/store-error";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test("connection-level failures count as unreachable; a wrong statement does not", () => {
  assert.equal(isUnreachable(withCode("connect ECONNREFUSED 127.0.0.1:5999", "ECONNREFUSED")), true);
  assert.equal(isUnreachable(new Error("Connection terminated unexpectedly")), true);
  assert.equal(isUnreachable(withCode("terminating connection due to administrator command", "57P01")), true);
  assert.equal(isUnreachable(withCode("connection failure", "08006")), true);
  // TypeORM wraps the driver's error in QueryFailedError.driverError
  assert.equal(isUnreachable(Object.assign(new Error("Query failed"), { driverError: withCode("read ECONNRESET", "ECONNRESET") })), true);
  assert.equal(isUnreachable(withCode('duplicate key value violates unique constraint "x"', "23505")), false);
  assert.equal(isUnreachable("ECONNREFUSED"), false);
});

test("a store over its time limits counts as unreachable (DB_STATEMENT_TIMEOUT_MS, DB_CONNECT_TIMEOUT_MS)", () => {
  assert.equal(isUnreachable(new Error("Query read timeout")), true, "node-postgres query_timeout: the server never answered");
  assert.equal(isUnreachable(withCode("canceling statement due to statement timeout", "57014")), true, "statement_timeout");
  assert.equal(isUnreachable(new Error("Connection terminated due to connection timeout")), true, "connectionTimeoutMillis");
});

test("inStore names the store for an unreachable one and passes everything else through unchanged", async () => {
  const down = await inStore("privacy", async () => { throw withCode("connect ECONNREFUSED", "ECONNREFUSED"); }).catch((e) => e);
  assert.ok(down instanceof StoreUnavailableError);
  assert.equal(down.source, "privacy");
  const bug = withCode("duplicate key", "23505");
  assert.equal(await inStore("privacy", async () => { throw bug; }).catch((e) => e), bug);
  const other = new StoreUnavailableError("crm", withCode("connect ECONNREFUSED", "ECONNREFUSED"));
  assert.equal(await inStore("privacy", async () => { throw other; }).catch((e) => e), other, "another store's outage keeps its name");
  assert.equal(await inStore("privacy", async () => 42), 42);
});
