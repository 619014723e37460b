import type { ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import type { FastifyInstance } from "fastify";
import { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import type { GatewayContext } from "./context";
import { controlCharactersRule } from "./control-characters.rule";
import { knownOperationTypesRule } from "./known-operation-types.rule";

/** Validation rules beyond graphql-js's and the configured limits: each refuses a document before it runs. */
export const requestValidationRules = [knownOperationTypesRule, controlCharactersRule];

/**
 * Request-level concerns as plugins:
 * - drain: on shutdown, in-flight GraphQL requests finish before the server stops;
 * - cache control off: its per-field hook costs a large share of execution time and we never cache
 *   personal data in shared caches anyway;
 * - usage reporting off: nothing about queries leaves the company;
 * - landing page off: Apollo's default page loads Apollo Sandbox from Apollo's CDN (with telemetry) into the
 *   browser of whoever opens /graphql; a privacy gateway makes no third-party requests. A browser now gets
 *   the same 400 as any GET without a query.
 */
export function apolloPlugins(app: FastifyInstance, counters: { graphqlRequests: number }): ApolloServerPlugin<GatewayContext>[] {
  return [
    fastifyApolloDrainPlugin(app),
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginLandingPageDisabled(),
    {
      async requestDidStart() {
        counters.graphqlRequests++;
      },
    },
  ];
}
