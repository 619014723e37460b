import { test } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

test("CORS_ORIGINS takes only exact origins; '*', a missing scheme or a path is refused, naming the variable", () => {
  const ok = loadConfig({ CORS_ORIGINS: "https://mijn.example.nl, http://localhost:5173" });
  assert.deepEqual(ok.http.corsOrigins, ["https://mijn.example.nl", "http://localhost:5173"]);
  for (const [value, why] of [["*", /'\*' is not allowed/], ["mijn.example.nl", /scheme:\/\/host/], ["https://mijn.example.nl/app", /no path/],
    ["ftp://mijn.example.nl", /http or https/], ["https://a.example, nope", /scheme:\/\/host/]] as const) {
    assert.throws(() => loadConfig({ CORS_ORIGINS: value }), (err: Error) => err instanceof ConfigError && err.message.includes("CORS_ORIGINS") && why.test(err.message), value);
  }
});

test("TLS_CERT_FILE and TLS_KEY_FILE: both or neither, and both readable", () => {
  const dir = mkdtempSync(join(tmpdir(), "gw-tls-config-"));
  try {
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    writeFileSync(cert, "cert");
    writeFileSync(key, "key");
    assert.equal(loadConfig({}).tls, undefined);
    assert.deepEqual(loadConfig({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key }).tls, { certFile: cert, keyFile: key });
    assert.throws(() => loadConfig({ TLS_CERT_FILE: cert }), (err: Error) => err instanceof ConfigError && /TLS_KEY_FILE/.test(err.message));
    assert.throws(() => loadConfig({ TLS_KEY_FILE: key }), (err: Error) => err instanceof ConfigError && /TLS_CERT_FILE/.test(err.message));
    assert.throws(() => loadConfig({ TLS_CERT_FILE: cert, TLS_KEY_FILE: join(dir, "missing.pem") }),
      (err: Error) => err instanceof ConfigError && /TLS_KEY_FILE: file cannot be read/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("TLS settings in a store URL are checked at start: sslmode's value, and that sslrootcert can be read", () => {
  const dir = mkdtempSync(join(tmpdir(), "gw-tls-config-"));
  try {
    const ca = join(dir, "ca.pem");
    writeFileSync(ca, "ca");
    const url = `postgresql://db.example/crm?sslmode=verify-full&sslrootcert=${ca}`;
    assert.equal(loadConfig({ CRM_DATABASE_URL: url }).databaseUrls.crm, url);
    assert.throws(() => loadConfig({ CRM_DATABASE_URL: `postgresql://db.example/crm?sslmode=verify-full&sslrootcert=${join(dir, "nope.pem")}` }),
      (err: Error) => err instanceof ConfigError && /CRM_DATABASE_URL: sslrootcert file cannot be read/.test(err.message));
    assert.throws(() => loadConfig({ DATABASE_URL: "postgresql://db.example/x?sslmode=verify_full" }),
      (err: Error) => err instanceof ConfigError && /DATABASE_URL: sslmode must be one of/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
