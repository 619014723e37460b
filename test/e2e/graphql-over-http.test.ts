import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { auditServer } from "graphql-http";
import { TestGateway } from "../support/test-gateway";
import { engineName } from "../support/test-databases";

/** The GraphQL-over-HTTP specification's compliance audits (graphql-http), with a staff token on every call. */
describe(`GraphQL over HTTP compliance (${engineName()})`, () => {
  let gw: TestGateway;
  before(async () => (gw = await TestGateway.start()));
  after(() => gw.close());

  test("every MUST audit passes", async () => {
    const { token, purpose } = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const results = await auditServer({
      url: `${gw.url}/graphql`,
      fetchFn: (input: string | URL | Request, init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${token}`, "x-purpose": purpose! } }),
    });
    const failedMust = results.filter((r) => r.name.startsWith("MUST") && r.status !== "ok").map((r) => r.name);
    assert.deepEqual(failedMust, []);
    assert.ok(results.filter((r) => r.name.startsWith("MUST")).length >= 10);
  });
});
