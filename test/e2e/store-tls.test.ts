import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createTestCertificates, type TestCertificates } from "../support/test-certificates";
import { TlsPostgresProxy } from "../support/tls-postgres-proxy";
import { buildDataSource, Databases } from "../../src/db/data-sources";
import { STORE_REGISTRY } from "../../src/server/store-registry";
import { unreachableStores } from "../../src/server/health.routes";
import { testConfig } from "../support/test-databases";

/**
 * TLS to the stores, as set in their URLs (`sslmode`, `sslrootcert`). The shared test server speaks plain
 * PostgreSQL only, so a proxy that insists on TLS stands in for a server with SSL (it refuses plain clients).
 */
const serverUrl = process.env.DATABASE_URL;
describe("TLS to PostgreSQL stores", { skip: serverUrl ? false : "needs a PostgreSQL server (DATABASE_URL)" }, () => {
  let certs: TestCertificates;
  let otherCa: TestCertificates;
  let proxy: TlsPostgresProxy;
  /** The store URL through the TLS proxy, with the given TLS parameters. */
  const viaTls = (params: string) => {
    const u = new URL(serverUrl!);
    u.hostname = "localhost";
    u.port = String(proxy.port);
    return `${u.toString()}?${params}`;
  };

  before(async () => {
    certs = createTestCertificates();
    otherCa = createTestCertificates();
    const u = new URL(serverUrl!);
    proxy = await TlsPostgresProxy.start({ host: u.hostname, port: Number(u.port || 5432) }, certs);
  });
  after(async () => {
    await proxy?.close();
    certs?.remove();
    otherCa?.remove();
  });

  test("sslmode=verify-full with the server's CA in sslrootcert connects (over TLS: the proxy refuses anything else)", async () => {
    const ds = buildDataSource("crm", STORE_REGISTRY.crm, viaTls(`sslmode=verify-full&sslrootcert=${certs.caFile}`), { poolSize: 1 });
    await ds.initialize();
    try {
      assert.deepEqual(await ds.query("SELECT 1 AS one"), [{ one: 1 }]);
    } finally {
      await ds.destroy();
    }
  });

  test("sslmode=verify-full refuses a server whose certificate another CA signed", async () => {
    const ds = buildDataSource("crm", STORE_REGISTRY.crm, viaTls(`sslmode=verify-full&sslrootcert=${otherCa.caFile}`), { poolSize: 1 });
    await assert.rejects(ds.initialize(), /certificate/i);
  });

  test("a whole gateway runs over verify-full connections: stores, migrations and the job queue", async () => {
    const url = viaTls(`sslmode=verify-full&sslrootcert=${certs.caFile}`);
    const gw = await TestGateway.start({ DATABASE_URL: url, CRM_DATABASE_URL: "", BILLING_DATABASE_URL: "", AUTH_DATABASE_URL: "",
      WEBLOG_DATABASE_URL: "", PRIVACY_DATABASE_URL: "" });
    try {
      const ready = await fetch(`${gw.url}/readyz`);
      assert.equal(ready.status, 200);
    } finally {
      await gw.close();
    }
  });

  test("sslmode=require against a server without SSL fails: no silent fall-back to plain text", async () => {
    const plain = new URL(serverUrl!);
    plain.search = "sslmode=require";
    const ds = buildDataSource("crm", STORE_REGISTRY.crm, plain.toString(), { poolSize: 1 });
    await assert.rejects(ds.initialize(), /does not support SSL/i);
    const dbs = Databases.create(testConfig({ CRM_DATABASE_URL: plain.toString() }), STORE_REGISTRY);
    try {
      await dbs.initialize(); // a source that cannot be reached does not stop the gateway; /readyz names it
      assert.equal(dbs.stores.crm.isInitialized, false);
      assert.deepEqual(await unreachableStores(dbs), ["crm"]);
    } finally {
      await dbs.close();
    }
  });
});
