import "reflect-metadata";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import cors from "@fastify/cors";
import { ApolloServer } from "@apollo/server";
import fastifyApollo from "@as-integrations/fastify";
import type { AppConfig } from "../config/config";
import type { Databases } from "../db/data-sources";
import { createSources } from "../sources/sources";
import { TokenService } from "../auth/token.service";
import { SubjectResolver } from "../subject/subject.resolver";
import { SubjectService } from "../subject/subject.service";
import { createSubjectLoaders } from "../subject/subject.loaders";
import type { GatewayContext } from "./context";
import { buildGatewaySchema } from "./schema";
import { depthLimitRule } from "./depth-limit.rule";
import { aliasLimitRule } from "./alias-limit.rule";
import { createErrorFormatter } from "./format-error";
import { loggerOptions } from "./logger";
import { apolloPlugins } from "./apollo-plugins";
import { jitGateway } from "./jit-executor";
import { registerHealthRoutes } from "./health.routes";

export interface Gateway {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
}

/**
 * Wires the gateway: Fastify (body limit, CORS allow-list, logs) → Apollo (schema, plugins, error gate)
 * → resolvers → services → source adapters. Does not listen; the caller decides where.
 */
export async function createGateway(config: AppConfig, dbs: Databases): Promise<Gateway> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: () => randomUUID(),
  });
  // An empty allow-list means no cross-origin browser access at all.
  await app.register(cors, { origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false });

  const sources = createSources(dbs.sources);
  const tokens = new TokenService(config.jwt);
  const instances = new Map<unknown, unknown>([[SubjectResolver, new SubjectResolver(new SubjectService(sources))]]);
  const schema = await buildGatewaySchema({ get: (cls) => instances.get(cls) });
  const counters = { graphqlRequests: 0 };

  const apollo = new ApolloServer<GatewayContext>({
    gateway: jitGateway(schema),
    plugins: apolloPlugins(app, counters),
    validationRules: [depthLimitRule(config.http.maxQueryDepth), aliasLimitRule(config.http.maxAliases)],
    includeStacktraceInErrorResponses: false,
    introspection: config.env !== "production",
    formatError: createErrorFormatter((err) =>
      app.log.error({ errType: err instanceof Error ? err.name : typeof err }, "internal error in a GraphQL request"),
    ),
  });
  await apollo.start();

  const context = async (request: FastifyRequest): Promise<GatewayContext> => ({
    requestId: request.id,
    principal: await tokens.authenticate(request.headers.authorization),
    loaders: createSubjectLoaders(sources),
  });
  await app.register(fastifyApollo(apollo), { context });
  registerHealthRoutes(app, dbs, counters);
  return { app, apollo };
}
