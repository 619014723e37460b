import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

describe(`health, readiness and a source going down (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;

  before(async () => {
    gw = await TestGateway.start({ CORS_ORIGINS: "https://mijn.example.nl" });
    anne = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  test("healthz and readyz report ok while every store answers", async () => {
    assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
    const ready = await fetch(`${gw.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: "ready" });
  });

  test("CORS: only origins on the allow-list get CORS headers", async () => {
    const preflight = (origin: string) =>
      fetch(`${gw.url}/graphql`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    const allowed = await preflight("https://mijn.example.nl");
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://mijn.example.nl");
    const denied = await preflight("https://evil.example");
    assert.equal(denied.headers.get("access-control-allow-origin"), null);
  });

  test("a body over the limit is refused with 413", async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await gw.token("privacy_officer")}`, "x-purpose": "DATA_SUBJECT_RIGHTS" },
      body: JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(gw.config.http.bodyLimitBytes) }),
    });
    assert.equal(res.status, 413);
  });

  test("when weblog is down: its fields fail with SOURCE_UNAVAILABLE, the rest still comes back, readyz names it", async () => {
    await gw.dbs.stores.weblog.destroy();
    const res = await gw.graphql<any>(
      `query($id: ID!) { subject(id: $id) { firstName invoices { invoiceNumber } ipLog { edges { cursor } } } }`,
      { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: anne.id } },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.data.subject.firstName, anne.firstName);
    assert.equal(res.body.data.subject.invoices.length, 3);
    assert.equal(res.body.data.subject.ipLog, null);
    assert.equal(res.body.errors?.length, 1);
    assert.deepEqual(res.body.errors?.[0].extensions, { code: "SOURCE_UNAVAILABLE", source: "weblog" });
    assert.deepEqual(res.body.errors?.[0].path, ["subject", "ipLog"]);
    assert.doesNotMatch(res.body.errors![0].message, /select|weblog\.access_log|driver/i);
    const ready = await fetch(`${gw.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { status: "unavailable", unreachable: ["weblog"] });
  });
});
