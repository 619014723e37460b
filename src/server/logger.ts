import type { FastifyServerOptions } from "fastify";

/**
 * Structured logs without personal data or secrets: requests are logged by method, route path (no query
 * string: GET /graphql carries variables there), status and duration. No IP addresses, no headers, no bodies.
 */
export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: { paths: ["req.headers", "headers.authorization", "authorization", "token"], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split("?")[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Error messages can quote values (a unique-key violation names the e-mail); log the type only.
      err: ((err: Error) => ({ type: err.name })) as never,
    },
  };
}
