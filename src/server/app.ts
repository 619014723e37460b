import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import cors from "@fastify/cors";
import { ApolloServer } from "@apollo/server";
import fastifyApollo from "@as-integrations/fastify";
import type { AppConfig } from "../config/config";
import type { Databases } from "../db/data-sources";
import { TokenService } from "../auth/token.service";
import { createSubjectLoaders } from "../subject/subject.loaders";
import type { GatewayContext } from "./context";
import { buildGatewaySchema } from "./schema";
import { createServices } from "./services";
import { SchemaClassification } from "../access/schema-classification";
import { applyPermissions } from "../access/permissions";
import { ViewRegistry } from "../access/purpose-view";
import { Pseudonymizer } from "../access/pseudonym";
import type { LoadSubjectChoices } from "../access/request-enforcer";
import { RequestContextBuilder } from "../access/request-context.builder";
import { createPrivacyStatusLoader } from "../rights/choices/choices.context";
import { createHoldLoader } from "../subject/subject-holds.context";
import { createActivitySpanLoaders, type ActivitySpans } from "../rights/access-report/retention.context";
import { PURPOSE_HEADER } from "../access/declared-purpose";
import { auditPlugin } from "./audit.plugin";
import { depthLimitRule } from "./depth-limit.rule";
import { aliasLimitRule } from "./alias-limit.rule";
import { directiveLimitRule } from "./directive-limit.rule";
import { costLimitRule } from "./cost-limit.rule";
import { MAX_PAGE_SIZE } from "../subject/subject.args";
import { createErrorFormatter } from "./format-error";
import { loggerOptions } from "./logger";
import { apolloPlugins, requestValidationRules } from "./apollo-plugins";
import { jitGateway } from "./jit-executor";
import { registerHealthRoutes } from "./health.routes";
import { registerStatementRoutes } from "./statement.routes";
import { registerAccessReportRoutes } from "./access-report.routes";
import { earlyAuthentication, GRAPHQL_PATH } from "./early-authentication";
import { systemClock, type Clock } from "../common/clock";
import { clientErrorHandler, registerHttpErrors } from "./http-errors";
import { corsOptions, httpsOption, registerHsts } from "./http-security";
import { registerPortalRoutes } from "./portal.routes";
import { exampleSubject } from "./demo-data";

export interface Gateway {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
}

export interface GatewayOptions {
  /** The one clock every date-dependent decision reads (deadlines, retention, reports, audit times). */
  clock?: Clock;
}

/**
 * Wires the gateway: Fastify (body limit, CORS allow-list, logs) → Apollo (schema, plugins, error gate)
 * → the request context → resolvers, from the service graph (services.ts). Does not listen; the caller
 * decides where.
 */
export async function createGateway(config: AppConfig, dbs: Databases, { clock = systemClock }: GatewayOptions = {}): Promise<Gateway> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: () => randomUUID(),
    clientErrorHandler,
    ...httpsOption(config.tls),
  }) as unknown as FastifyInstance; // an https server when TLS is configured; the handlers do not depend on which
  registerHttpErrors(app);
  registerHsts(app, config.tls);
  await app.register(cors, corsOptions(config.http.corsOrigins));

  const tokens = new TokenService(config.jwt);
  const logAuditError = (err: unknown) =>
    app.log.error({ errType: err instanceof Error ? err.name : typeof err }, "audit trail write failed");
  const { sources, audit, choices, holds, statements, reports, resolvers, stop } = await createServices(config, dbs, clock, logAuditError);
  // The job queue stops before the pools close.
  app.addHook("onClose", async () => stop(config.http.shutdownGraceMs));
  const built = await buildGatewaySchema({ get: (cls) => resolvers.get(cls) });
  const classification = new SchemaClassification(built);
  const schema = applyPermissions(built, classification);
  const views = new ViewRegistry(classification, new Pseudonymizer(config.pseudonymKey, clock));
  const loadChoices: LoadSubjectChoices = (ids) => choices.loadActive(ids);
  const activity: ActivitySpans = {
    loginEventSpans: (ids) => sources.auth.loginEventSpans(ids),
    accessLogSpans: (ids) => sources.weblog.spansByAccount(ids),
  };
  const counters = { graphqlRequests: 0 };

  const apollo = new ApolloServer<GatewayContext>({
    gateway: jitGateway(schema),
    plugins: [
      ...apolloPlugins(app, counters),
      auditPlugin(schema, audit, logAuditError),
    ],
    // Run once per distinct document (Apollo caches parsed, valid documents), never per request.
    parseOptions: { maxTokens: config.query.maxTokens },
    validationRules: [
      depthLimitRule(config.http.maxQueryDepth, config.query.maxIntrospectionDepth),
      aliasLimitRule(config.http.maxAliases),
      directiveLimitRule(config.query.maxDirectives),
      costLimitRule(config.query.maxCost, MAX_PAGE_SIZE),
      ...requestValidationRules,
    ],
    includeStacktraceInErrorResponses: false,
    introspection: config.env !== "production",
    formatError: createErrorFormatter((err) =>
      app.log.error({ errType: err instanceof Error ? err.name : typeof err }, "internal error in a GraphQL request"),
    ),
  });
  await apollo.start();

  const principalOf = earlyAuthentication(app, tokens);
  const contexts = new RequestContextBuilder(views, loadChoices, audit, () => ({
    loaders: createSubjectLoaders(sources),
    privacyStatus: createPrivacyStatusLoader(choices),
    activitySpans: createActivitySpanLoaders(activity),
    legalHolds: createHoldLoader(holds, clock),
  }));
  const context = async (request: FastifyRequest): Promise<GatewayContext> => {
    const ctx = await contexts.build(await principalOf(request), request.id, request.headers[PURPOSE_HEADER]);
    // Every log line of this request carries its effective purpose.
    // (setBindings on Fastify's per-request child logger; a further child per request costs measurably more)
    (request.log as unknown as Logger).setBindings({ role: ctx.principal.role, purpose: ctx.purpose });
    return ctx;
  };
  await app.register(fastifyApollo(apollo), { context, path: GRAPHQL_PATH });
  registerHealthRoutes(app, dbs, counters);
  await registerPortalRoutes(app, { env: config.env, tokens, demoSubject: () => exampleSubject(dbs) });
  registerStatementRoutes(app, statements);
  registerAccessReportRoutes(app, { tokens, contexts, reports, audit, clock });
  return { app, apollo };
}
