import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { TestGateway } from "../support/test-gateway";
import { engineName } from "../support/test-databases";
import { createTestCertificates, type TestCertificates } from "../support/test-certificates";

/** A request over HTTPS that trusts only the test CA: status, headers and body. */
function httpsGet(url: string, ca: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe(`HTTPS with a configured certificate (${engineName()})`, () => {
  let certs: TestCertificates;
  let gw: TestGateway;
  let httpsUrl: string;

  before(async () => {
    certs = createTestCertificates();
    gw = await TestGateway.start({ TLS_CERT_FILE: certs.certFile, TLS_KEY_FILE: certs.keyFile });
    httpsUrl = `https://localhost:${(gw.gateway.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await gw.close();
    certs.remove();
  });

  test("serves GraphQL over HTTPS, with HSTS, to a client that trusts the CA", async () => {
    const token = await gw.token("support");
    const res = await httpsGet(`${httpsUrl}/graphql?query=${encodeURIComponent("{ __typename }")}`, certs.ca, {
      authorization: `Bearer ${token}`, "x-purpose": "CONTACT", "apollo-require-preflight": "true",
    });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body), { data: { __typename: "Query" } });
    assert.equal(res.headers["strict-transport-security"], "max-age=31536000");
    const health = await httpsGet(`${httpsUrl}/healthz`, certs.ca);
    assert.equal(health.headers["strict-transport-security"], "max-age=31536000");
  });

  test("plain HTTP on the same port gets no answer, and a client without the CA refuses the certificate", async () => {
    await assert.rejects(fetch(`http://127.0.0.1:${new URL(httpsUrl).port}/healthz`));
    await assert.rejects(httpsGet(`${httpsUrl}/healthz`, ""), /self-signed|unable to verify|certificate/i);
  });
});

describe(`CORS preflight (${engineName()})`, () => {
  let gw: TestGateway;
  before(async () => (gw = await TestGateway.start({ CORS_ORIGINS: "https://mijn.example.nl" })));
  after(() => gw.close());

  const preflight = (origin: string) =>
    fetch(`${gw.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
    });

  test("an allowed origin's preflight may be cached for 10 minutes; no HSTS on plain HTTP", async () => {
    const res = await preflight("https://mijn.example.nl");
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "https://mijn.example.nl");
    assert.equal(res.headers.get("access-control-max-age"), "600");
    assert.equal(res.headers.get("strict-transport-security"), null);
  });

  test("another origin (or the same host without its scheme) gets no CORS headers", async () => {
    for (const origin of ["https://evil.example", "http://mijn.example.nl"]) {
      const res = await preflight(origin);
      assert.equal(res.headers.get("access-control-allow-origin"), null, origin);
    }
  });

  test("GraphQL over GET needs the apollo-require-preflight header (CSRF protection), as the README says", async () => {
    const token = await gw.token("support");
    const get = (headers: Record<string, string>) =>
      fetch(`${gw.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
        headers: { authorization: `Bearer ${token}`, "x-purpose": "CONTACT", ...headers },
      });
    assert.equal((await get({})).status, 400);
    const res = await get({ "apollo-require-preflight": "true" });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { data: { __typename: "Query" } });
  });
});
