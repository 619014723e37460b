import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import type { Databases } from "../../src/db/data-sources";
import { engineName, openTestDatabases } from "../support/test-databases";

/**
 * The embedded engine is one PGlite session shared by all DataSources; these tests prove it still behaves
 * like PostgreSQL for concurrent transactions (typeorm-pglite as shipped does not).
 */
describe(`transactions are isolated and roll back (${engineName()})`, () => {
  let dbs: Databases;
  before(async () => (dbs = await openTestDatabases()));
  after(() => dbs.close());

  const insert = (q: { query: (s: string, p: unknown[]) => Promise<unknown> }, number: string) =>
    q.query(
      `INSERT INTO crm.customer (customer_number, first_name, last_name, street, house_number, postal_code, city, phone, email, contract_start)
       VALUES ($1, 'Iso', 'Lation', 'Damrak', '1', '1012 LG', 'Amsterdam', '+31201234567', 'iso@example.nl', '2020-01-01')`,
      [number],
    );
  const count = async (numbers: string[]) =>
    (await dbs.stores.crm.query(`SELECT count(*)::int AS n FROM crm.customer WHERE customer_number = ANY($1)`, [numbers]))[0].n;

  test("a rolled-back insert does not survive another transaction's commit", async () => {
    const rolledBack = dbs.stores.crm
      .transaction(async (m) => {
        await insert(m, "ROLLBACK-1");
        await sleep(50);
        throw new Error("abort");
      })
      .catch(() => "rolled back");
    await sleep(10);
    const committed = dbs.stores.crm.transaction((m) => insert(m, "COMMIT-1"));
    assert.equal(await rolledBack, "rolled back");
    await committed;
    assert.equal(await count(["ROLLBACK-1"]), 0);
    assert.equal(await count(["COMMIT-1"]), 1);
  });

  test("uncommitted rows are invisible to other callers, across DataSources too", async () => {
    const tx = dbs.stores.crm.transaction(async (m) => {
      await insert(m, "PENDING-1");
      await sleep(50);
      throw new Error("abort");
    }).catch(() => undefined);
    await sleep(10);
    const reads = await Promise.all([count(["PENDING-1"]), dbs.stores.privacy.query("SELECT 1 AS ok").then(() => 0)]);
    await tx;
    assert.deepEqual(reads, [0, 0]);
    assert.equal(await count(["PENDING-1"]), 0);
  });

  test("a failed statement inside a transaction rolls back the whole transaction", async () => {
    await assert.rejects(
      dbs.stores.crm.transaction(async (m) => {
        await insert(m, "PARTIAL-1");
        await insert(m, "PARTIAL-1"); // unique violation
      }),
    );
    assert.equal(await count(["PARTIAL-1"]), 0);
    await insert(dbs.stores.crm, "AFTER-1"); // the session is usable again
    assert.equal(await count(["AFTER-1"]), 1);
  });
});
