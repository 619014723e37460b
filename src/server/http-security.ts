import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { FastifyCorsOptions } from "@fastify/cors";
import type { AppConfig } from "../config/config";

/** How long a browser may reuse a CORS preflight answer: fewer OPTIONS round trips, yet a changed list applies soon. */
export const CORS_MAX_AGE_SECONDS = 600;
/** One year, the usual HSTS lifetime; without includeSubDomains, which is the domain owner's call. */
export const HSTS = "max-age=31536000";

/** The CORS allow-list (config has checked each entry is an exact origin); empty means no cross-origin access. */
export function corsOptions(origins: string[]): FastifyCorsOptions {
  return { origin: origins.length > 0 ? origins : false, maxAge: CORS_MAX_AGE_SECONDS };
}

/** Fastify's `https` option when a certificate and key are configured; none for plain HTTP. */
export function httpsOption(tls: AppConfig["tls"]): { https?: { cert: Buffer; key: Buffer } } {
  return tls ? { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {};
}

/** Over HTTPS, tells browsers to use HTTPS only (HSTS is ignored on plain HTTP responses, so it is sent only here). */
export function registerHsts(app: FastifyInstance, tls: AppConfig["tls"]): void {
  if (!tls) return;
  app.addHook("onRequest", async (_request, reply) => {
    reply.header("strict-transport-security", HSTS);
  });
}
