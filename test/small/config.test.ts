import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, DEV_JWT_SECRET, loadConfig } from "../../src/config/config";

test("defaults give an embedded, development gateway on port 4000", () => {
  const c = loadConfig({});
  assert.equal(c.port, 4000);
  assert.deepEqual(Object.values(c.databaseUrls), [undefined, undefined, undefined, undefined, undefined]);
  assert.equal(c.pglite.dataDir, ".data/pglite");
  assert.equal(c.jwt.secret, DEV_JWT_SECRET);
});

test("each store URL falls back to DATABASE_URL", () => {
  const c = loadConfig({ DATABASE_URL: "postgresql://db/main", WEBLOG_DATABASE_URL: "postgres://logs/weblog" });
  assert.equal(c.databaseUrls.crm, "postgresql://db/main");
  assert.equal(c.databaseUrls.privacy, "postgresql://db/main");
  assert.equal(c.databaseUrls.weblog, "postgres://logs/weblog");
});

test("an invalid variable is named in the error", () => {
  for (const [name, value] of [["PORT", "eighty"], ["CRM_DATABASE_URL", "mysql://x"], ["JWT_SECRET", "short"], ["PGLITE_IN_MEMORY", "maybe"]]) {
    assert.throws(() => loadConfig({ [name]: value }), (err: Error) => err instanceof ConfigError && err.message.includes(name), name);
  }
});

test("production refuses to start without a real key source, and never uses the development secret", () => {
  assert.throws(() => loadConfig({ NODE_ENV: "production" }), /JWT_JWKS_URL/);
  assert.throws(() => loadConfig({ NODE_ENV: "production", JWT_JWKS_URL: "https://idp.example/jwks" }), /AUDIT_HASH_KEY/);
  const key = "k".repeat(32);
  assert.throws(() => loadConfig({ NODE_ENV: "production", JWT_JWKS_URL: "https://idp.example/jwks", AUDIT_HASH_KEY: key }), /PSEUDONYM_KEY/);
  const c = loadConfig({ NODE_ENV: "production", JWT_JWKS_URL: "https://idp.example/.well-known/jwks.json", AUDIT_HASH_KEY: key, PSEUDONYM_KEY: `p${key}` });
  assert.equal(c.jwt.secret, undefined);
  assert.equal(c.audit.hashKey, key);
  assert.equal(c.pseudonymKey, `p${key}`);
});

test("PGLITE_IN_MEMORY drops the data folder; empty values count as unset", () => {
  assert.equal(loadConfig({ PGLITE_IN_MEMORY: "true" }).pglite.dataDir, undefined);
  assert.equal(loadConfig({ PORT: "" }).port, 4000);
});
