import { webcrypto } from "node:crypto";
import { createRemoteJWKSet, jwtVerify, SignJWT, errors as joseErrors, type JWTVerifyGetKey } from "jose";
import type { AppConfig } from "../config/config";
import { isRole, type Role } from "../policy/roles";
import type { Principal } from "./principal";
import { appError, ErrorCode } from "../errors/error-code";
import { isUuid } from "../common/uuid";


/**
 * Verified tokens are remembered by their exact text, until the earlier of their expiry and this cap.
 * Why: verification (WebCrypto, async) was a large share of the gateway's CPU per request (bench/RESULTS.md), and a client sends the
 * same token many times. The cap bounds how long a token keeps working after its signing key is rotated
 * out of the JWKS; expiry is always re-checked.
 */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

/**
 * Verifies bearer tokens (JWT). Development signs with an HS256 secret from configuration; production
 * verifies against the identity provider's JWKS. Issuer, audience and expiry are always checked.
 */
export class TokenService {
  /** Development: the HS256 secret as a WebCrypto key; production: the JWKS. Exactly one is set. */
  private readonly secret: Promise<webcrypto.CryptoKey> | null = null;
  private readonly jwks: JWTVerifyGetKey | null = null;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly cfg: AppConfig["jwt"]) {
    if (cfg.jwksUrl) {
      this.jwks = createRemoteJWKSet(new URL(cfg.jwksUrl));
      this.algorithms = ["RS256", "ES256", "PS256", "EdDSA"];
    } else if (cfg.secret) {
      // A CryptoKey, imported once. jose 6 takes raw bytes, or a secret KeyObject (which it exports to bytes),
      // and imports those again on every verification; the erase bench (a new token per call) measured that.
      this.secret = webcrypto.subtle.importKey("raw", Buffer.from(cfg.secret, "utf8"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
      this.algorithms = ["HS256"];
    } else {
      throw new Error("JWT_SECRET or JWT_JWKS_URL must be configured");
    }
  }

  /** Turns an `Authorization` header into a principal, or throws UNAUTHENTICATED (HTTP 401). */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? "")?.[1];
    if (!token) throw appError(ErrorCode.UNAUTHENTICATED, "A bearer token is required");
    const hit = this.verified.get(token);
    if (hit && hit.until > Date.now()) return hit.principal;
    if (hit) this.verified.delete(token);
    return this.remember(token, await this.verify(token));
  }

  private async verify(token: string): Promise<Principal & { expiresAt: number }> {
    let payload;
    try {
      const checks = { issuer: this.cfg.issuer, audience: this.cfg.audience, algorithms: this.algorithms, requiredClaims: ["sub", "exp"] };
      ({ payload } = this.jwks ? await jwtVerify(token, this.jwks, checks) : await jwtVerify(token, await this.secret!, checks));
    } catch (err) {
      const reason = err instanceof joseErrors.JWTExpired ? "The token has expired" : "The token is not valid";
      throw appError(ErrorCode.UNAUTHENTICATED, reason);
    }
    const role = payload.role;
    if (!isRole(role)) throw appError(ErrorCode.UNAUTHENTICATED, "The token carries no known role");
    const subjectId = typeof payload.subject_id === "string" ? payload.subject_id : null;
    if (role === "customer" && (!subjectId || !isUuid(subjectId))) {
      throw appError(ErrorCode.UNAUTHENTICATED, "A customer token must name its subject");
    }
    return {
      actor: payload.sub as string,
      role,
      subjectId: role === "customer" ? subjectId : null,
      expiresAt: (payload.exp as number) * 1000,
    };
  }

  private remember(token: string, { expiresAt, ...principal }: Principal & { expiresAt: number }): Principal {
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, until: Math.min(expiresAt, Date.now() + VERIFIED_TTL_MS) });
    return principal;
  }

  /** Signs a development token (HS256 only; production tokens come from the identity provider). */
  async sign(claims: { sub: string; role: Role; subjectId?: string }, expiresIn = "8h"): Promise<string> {
    if (!this.secret) throw new Error("tokens can only be signed with JWT_SECRET");
    return new SignJWT({ role: claims.role, ...(claims.subjectId ? { subject_id: claims.subjectId } : {}) })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.sub)
      .setIssuer(this.cfg.issuer)
      .setAudience(this.cfg.audience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(await this.secret);
  }
}
