import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import type { TokenService } from "../auth/token.service";

/** Where `npm run build` puts the bundled page (portal/build.mjs): dist/portal, beside dist/src. */
const PORTAL_DIR = join(__dirname, "..", "..", "portal");
export const PORTAL_PATH = "/portal";
export const DEV_LOGIN_PATH = `${PORTAL_PATH}/dev-login`;
/** A demo customer's token lives this long: enough to try the page, short enough not to be a credential worth keeping. */
const DEV_TOKEN_LIFETIME = "30m";

/**
 * The page may load only its own files and talk only to its own origin: no inline script or style, no
 * third-party fonts, images or analytics, no framing. `blob:` for the JSON download the page builds itself.
 */
const PORTAL_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join("; ");

export interface PortalOptions {
  env: "development" | "test" | "production";
  tokens: TokenService;
  /** The demo customer the dev-only log-in signs in as (seeded crm data); null when there is none. */
  demoSubject: () => Promise<string | null>;
  dir?: string;
}

/**
 * The customer portal ("Mijn privacy"): static files under /portal with a strict CSP. Outside production
 * also `POST /portal/dev-login`, which mints a short-lived customer token for a demo subject; in
 * production the page gets its token from the identity provider (portal/auth.ts) and the route does not exist.
 */
export async function registerPortalRoutes(app: FastifyInstance, { env, tokens, demoSubject, dir = PORTAL_DIR }: PortalOptions): Promise<void> {
  if (env !== "production") {
    app.post(DEV_LOGIN_PATH, async (_request, reply) => {
      const subjectId = await demoSubject();
      if (!subjectId) return reply.code(404).send({ error: "NOT_FOUND", message: "No demo customer: seed the demo data first" });
      const token = await tokens.sign({ sub: `demo-customer:${subjectId}`, role: "customer", subjectId }, DEV_TOKEN_LIFETIME);
      return { token, subjectId };
    });
  }
  // A gateway built without the page (tsc only) still starts; /portal is then simply not there.
  if (!existsSync(join(dir, "index.html"))) return;
  await app.register(async (scope) => {
    scope.addHook("onSend", async (_request, reply) => {
      reply.header("content-security-policy", PORTAL_CSP);
      reply.header("x-content-type-options", "nosniff");
      reply.header("referrer-policy", "no-referrer");
    });
    scope.get(PORTAL_PATH, async (_request, reply) => reply.redirect(`${PORTAL_PATH}/`));
    await scope.register(fastifyStatic, { root: dir, prefix: `${PORTAL_PATH}/`, index: ["index.html"], wildcard: false });
  });
}
