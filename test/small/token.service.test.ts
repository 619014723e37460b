import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { TokenService } from "../../src/auth/token.service";

/** What Apollo answers with: HTTP 401 naming the Bearer scheme (RFC 6750 §3). */
const UNAUTHORIZED = { status: 401, headers: new Map([["www-authenticate", "Bearer"]]) };

/** Production path: tokens signed by an identity provider, verified against its JWKS (served locally here). */
describe("TokenService with a JWKS URL", () => {
  let server: Server;
  let privateKey: CryptoKey;
  let service: TokenService;
  const cfg = { secret: undefined, issuer: "https://idp.example", audience: "privacy-gateway" };

  before(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = createServer((_req, res) => res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    service = new TokenService({ ...cfg, jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const sign = (claims: Record<string, unknown>, key: CryptoKey = privateKey) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1" }).setSubject("agent-7")
      .setIssuer(cfg.issuer).setAudience(cfg.audience).setExpirationTime("5m").sign(key);

  test("accepts a token signed by the provider's key", async () => {
    const p = await service.authenticate(`Bearer ${await sign({ role: "billing" })}`);
    assert.deepEqual(p, { actor: "agent-7", role: "billing", subjectId: null });
  });

  test("rejects a token signed by any other key, and HS256 tokens", async () => {
    const other = await generateKeyPair("RS256");
    await assert.rejects(service.authenticate(`Bearer ${await sign({ role: "billing" }, other.privateKey)}`), { extensions: { code: "UNAUTHENTICATED", http: UNAUTHORIZED } });
    const hs = await new SignJWT({ role: "billing" }).setProtectedHeader({ alg: "HS256" }).setSubject("x")
      .setIssuer(cfg.issuer).setAudience(cfg.audience).setExpirationTime("5m").sign(new TextEncoder().encode("a".repeat(40)));
    await assert.rejects(service.authenticate(`Bearer ${hs}`), { extensions: { code: "UNAUTHENTICATED", http: UNAUTHORIZED } });
  });

  test("a customer token must name a subject id", async () => {
    await assert.rejects(service.authenticate(`Bearer ${await sign({ role: "customer" })}`), /must name its subject/);
    const id = "6f1d2c43-8a5e-4b7f-9c3d-2e1f0a9b8c7d";
    const p = await service.authenticate(`Bearer ${await sign({ role: "customer", subject_id: id })}`);
    assert.equal(p.subjectId, id);
  });
});

describe("TokenService with the development secret", () => {
  const service = new TokenService({ secret: "s".repeat(40), jwksUrl: undefined, issuer: "gw", audience: "gw" });

  test("a remembered token still stops working when it expires", async () => {
    // "exp" has whole seconds: 3 s from a fractional now leaves at least 2 s for the two checks on a busy machine
    const token = await service.sign({ sub: "support-1", role: "support" }, "3s");
    assert.equal((await service.authenticate(`Bearer ${token}`)).role, "support");
    assert.equal((await service.authenticate(`Bearer ${token}`)).role, "support"); // from memory
    const exp = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).exp as number;
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 100));
    await assert.rejects(service.authenticate(`Bearer ${token}`), { message: "The token has expired" });
  });

  test("a token with one character changed is not accepted from memory", async () => {
    const token = await service.sign({ sub: "support-2", role: "support" });
    await service.authenticate(`Bearer ${token}`);
    const tampered = token.slice(0, -2) + (token.at(-2) === "A" ? "B" : "A") + token.at(-1);
    await assert.rejects(service.authenticate(`Bearer ${tampered}`), { extensions: { code: "UNAUTHENTICATED", http: UNAUTHORIZED } });
  });
});
