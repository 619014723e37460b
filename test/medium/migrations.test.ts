import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Databases } from "../../src/db/data-sources";
import { STORE_NAMES } from "../../src/config/config";
import { STORE_REGISTRY } from "../../src/server/store-registry";
import { engineName, openTestDatabases } from "../support/test-databases";

describe(`migrations (${engineName()})`, () => {
  let dbs: Databases;
  before(async () => (dbs = await openTestDatabases()));
  after(() => dbs.close());

  test("every store's schema exists and matches its entities exactly (no drift)", async () => {
    for (const store of STORE_NAMES) {
      const ds = dbs.stores[store];
      const [row] = await ds.query(`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = $1`, [STORE_REGISTRY[store].schema]);
      assert.equal(row.n, 1, `${store} schema`);
      const pending = await ds.driver.createSchemaBuilder().log();
      assert.deepEqual(pending.upQueries.map((q) => q.query), [], `${store} entities differ from migrations`);
    }
  });

  test("migrating again is a no-op", async () => {
    await dbs.migrate();
    for (const store of STORE_NAMES) assert.equal(await dbs.stores[store].showMigrations(), false, store);
  });
});
