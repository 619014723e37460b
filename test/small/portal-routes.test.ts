import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Fastify from "fastify";
import { TokenService } from "../../src/auth/token.service";
import { DEV_LOGIN_PATH, registerPortalRoutes } from "../../src/server/portal.routes";

const DEMO = "3f1c2a9e-7b4d-4c8e-9a10-5d6e7f809a1b";
const jwt = { secret: "portal-test-secret-portal-test-secret", jwksUrl: undefined, issuer: "test-issuer", audience: "test-audience" };

async function appFor(env: "development" | "production") {
  const app = Fastify();
  await registerPortalRoutes(app, { env, tokens: new TokenService(jwt), demoSubject: async () => DEMO, dir: "/nonexistent" });
  return app;
}

describe("portal dev-login", () => {
  test("outside production it mints a customer token for the demo subject", async () => {
    const app = await appFor("development");
    const res = await app.inject({ method: "POST", url: DEV_LOGIN_PATH });
    assert.equal(res.statusCode, 200);
    const { token, subjectId } = res.json();
    assert.equal(subjectId, DEMO);
    const principal = await new TokenService(jwt).authenticate(`Bearer ${token}`);
    assert.deepEqual({ role: principal.role, subjectId: principal.subjectId }, { role: "customer", subjectId: DEMO });
  });

  test("with NODE_ENV=production the route does not exist", async () => {
    const app = await appFor("production");
    const res = await app.inject({ method: "POST", url: DEV_LOGIN_PATH });
    assert.equal(res.statusCode, 404);
  });
});
