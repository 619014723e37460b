import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import type { FastifyInstance } from "fastify";
import { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import type { GatewayContext } from "./context";

/**
 * Request-level concerns as plugins:
 * - drain: on shutdown, in-flight GraphQL requests finish before the server stops;
 * - cache control off: its per-field hook costs a large share of execution time and we never cache
 *   personal data in shared caches anyway;
 * - usage reporting off: nothing about queries leaves the company.
 */
export function apolloPlugins(app: FastifyInstance, counters: { graphqlRequests: number }): ApolloServerPlugin<GatewayContext>[] {
  return [
    fastifyApolloDrainPlugin(app),
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    {
      async requestDidStart() {
        counters.graphqlRequests++;
      },
    },
  ];
}
