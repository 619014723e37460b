import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import type { Principal } from "../auth/principal";
import type { TokenService } from "../auth/token.service";

/** Where Apollo's Fastify integration serves GraphQL (its default, which app.ts keeps). */
export const GRAPHQL_PATH = "/graphql";

declare module "fastify" {
  interface FastifyRequest {
    /** The bearer token's check, started by earlyAuthentication's hook (null before it or on other routes). */
    pendingPrincipal: Promise<Principal> | null;
  }
}

/**
 * Starts checking a GraphQL request's bearer token as soon as its headers are in, and returns how the
 * context gets the result. Why: verifying a token not seen before is a WebCrypto job (jose) that runs on
 * libuv's thread pool, and on an otherwise idle process the hand-off there and back is mostly waiting
 * (bench/RESULTS.md). Started from `onRequest`, it overlaps with reading and parsing the body and with
 * Apollo's preamble instead of following them. Same check, same errors: the context awaits this promise
 * and an invalid token still fails the request with UNAUTHENTICATED.
 *
 * Must be called before the GraphQL route is registered. The promise lives on the request (a declared
 * decoration, so every request keeps one shape) rather than in a WeakMap filled by a hook on every route:
 * that first version cost the full profile measurably (bench/RESULTS.md).
 */
export function earlyAuthentication(app: FastifyInstance, tokens: Pick<TokenService, "authenticate">): (request: FastifyRequest) => Promise<Principal> {
  app.decorateRequest("pendingPrincipal", null);
  const start: onRequestHookHandler = (request, _reply, done) => {
    const principal = tokens.authenticate(request.headers.authorization);
    // Marked handled here: a bad token fails before the context awaits it (and a request refused earlier,
    // e.g. a body too large, never does), which Node would otherwise treat as an unhandled rejection.
    // The context's own await still receives the error.
    principal.catch(() => undefined);
    request.pendingPrincipal = principal;
    done();
  };
  // A hook of the GraphQL route only (other routes pay nothing), and a callback hook: an async one is awaited.
  app.addHook("onRoute", (route) => {
    if (route.url !== GRAPHQL_PATH) return;
    const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [start, ...own];
  });
  return (request) => request.pendingPrincipal ?? tokens.authenticate(request.headers.authorization);
}
