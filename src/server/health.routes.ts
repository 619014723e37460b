import type { FastifyInstance } from "fastify";
import type { Databases } from "../db/data-sources";
import { STORE_NAMES, type StoreName } from "../config/config";
import { sqlStats } from "../db/sql-stats";

const PING_TIMEOUT_MS = 2000;

/** Which stores answer `SELECT 1` within the timeout. */
export async function unreachableStores(dbs: Databases): Promise<StoreName[]> {
  const results = await Promise.all(
    STORE_NAMES.map(async (store) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), PING_TIMEOUT_MS);
      });
      try {
        await Promise.race([dbs.stores[store].query("SELECT 1"), timeout]);
        return null;
      } catch {
        return store;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return results.filter((s): s is StoreName => s !== null);
}

/** Liveness, readiness (every store reachable) and a few counters for operators. No personal data. */
export function registerHealthRoutes(app: FastifyInstance, dbs: Databases, counters: { graphqlRequests: number }) {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_req, reply) => {
    const down = await unreachableStores(dbs);
    if (down.length > 0) return reply.code(503).send({ status: "unavailable", unreachable: down });
    return { status: "ready" };
  });

  app.get("/metrics", async (_req, reply) => {
    reply.type("text/plain; version=0.0.4");
    return [
      "# TYPE gateway_sql_statements_total counter",
      `gateway_sql_statements_total ${sqlStats.total}`,
      "# TYPE gateway_sql_errors_total counter",
      `gateway_sql_errors_total ${sqlStats.errors}`,
      "# TYPE gateway_graphql_requests_total counter",
      `gateway_graphql_requests_total ${counters.graphqlRequests}`,
      "",
    ].join("\n");
  });
}
