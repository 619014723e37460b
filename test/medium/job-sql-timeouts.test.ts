import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PostgresJobSql } from "../../src/jobs/job-sql";
import { engineName } from "../support/test-databases";
import { TcpProxy } from "../support/tcp-proxy";

const serverUrl = process.env.PRIVACY_DATABASE_URL ?? process.env.DATABASE_URL;

/**
 * The job queue's own pool on the privacy store has the stores' timeouts: a privacy store that accepts the
 * connection but never answers fails the queue's statement in time (pg-boss retries it) instead of holding a
 * worker, and the shutdown drain that waits for it, forever.
 */
describe(`job queue statements time out (${engineName()})`, { skip: !serverUrl && "needs PostgreSQL (DATABASE_URL): the embedded engine has no network to hang" }, () => {
  let proxy: TcpProxy;
  let sql: PostgresJobSql;
  before(async () => {
    const { hostname, port } = new URL(serverUrl!);
    proxy = await TcpProxy.start({ host: hostname, port: Number(port || 5432) });
    sql = new PostgresJobSql(proxy.urlFor(serverUrl!), { connectMs: 500, statementMs: 500 });
  });
  after(async () => {
    await sql.end();
    await proxy.close();
  });

  test("an established connection that stops answering, and a new one that never starts, fail within the limits", async () => {
    assert.deepEqual((await sql.executeSql("SELECT 1 AS one")).rows, [{ one: 1 }]);
    proxy.hang();
    for (const what of ["established", "new"]) {
      const started = Date.now();
      await assert.rejects(Promise.all([sql.executeSql("SELECT 2"), sql.executeSql("SELECT 3")]), what);
      assert.ok(Date.now() - started < 3000, `${what}: gave up in time (${Date.now() - started} ms)`);
    }
    proxy.restore();
    assert.deepEqual((await sql.executeSql("SELECT 4 AS four")).rows, [{ four: 4 }]);
  });
});
