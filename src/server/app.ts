import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
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
import { SchemaClassification } from "../access/schema-classification";
import { applyPermissions } from "../access/permissions";
import { ViewRegistry } from "../access/purpose-view";
import { Pseudonymizer } from "../access/pseudonym";
import type { LoadSubjectChoices } from "../access/request-enforcer";
import { RequestContextBuilder } from "../access/request-context.builder";
import { createPrivacyStatusLoader } from "../rights/choices/choices.context";
import { PURPOSE_HEADER } from "../access/declared-purpose";
import { AuditService } from "../audit/audit.service";
import { AuditRepository } from "../audit/audit.repository";
import { AuditResolver } from "../audit/audit.resolver";
import { ChoicesService } from "../rights/choices/choices.service";
import { ChoicesRepository } from "../rights/choices/choices.repository";
import { ChoicesResolver } from "../rights/choices/choices.resolver";
import { SubjectPrivacyResolver } from "../rights/choices/subject-privacy.resolver";
import { auditPlugin } from "./audit.plugin";
import { AccessReportService } from "../rights/access-report/access-report.service";
import { AccessReportResolver } from "../rights/access-report/access-report.resolver";
import { RectificationService } from "../rights/rectification/rectification.service";
import { RectificationResolver } from "../rights/rectification/rectification.resolver";
import { RightsRequestService } from "../rights/requests/rights-request.service";
import { RequestWorkService } from "../rights/requests/request-work.service";
import { RightsRequestRepository } from "../rights/requests/rights-request.repository";
import { RightsRequestResolver } from "../rights/requests/rights-request.resolver";
import { ErasureService } from "../rights/erasure/erasure.service";
import { ErasureRunner } from "../rights/erasure/erasure-runner";
import { ErasureResolver } from "../rights/erasure/erasure.resolver";
import { LegalHoldRepository } from "../holds/legal-hold.repository";
import { JobQueue } from "../jobs/job-queue";
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
import { earlyAuthentication, GRAPHQL_PATH } from "./early-authentication";
import { systemClock, type Clock } from "../common/clock";
import { clientErrorHandler, registerHttpErrors } from "./http-errors";
import { corsOptions, httpsOption, registerHsts } from "./http-security";

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
 * → resolvers → services → source adapters. Does not listen; the caller decides where.
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

  const sources = createSources(dbs.stores);
  const tokens = new TokenService(config.jwt);
  const audit = new AuditService(new AuditRepository(dbs.stores.privacy), config.audit.hashKey, clock);
  const subjectExists = async (id: string) => (await sources.crm.findByIds([id]))[0] !== null;
  const requests = new RightsRequestService(new RightsRequestRepository(dbs.stores.privacy), audit, subjectExists, clock);
  // The machine side of requests: erasure's work, and the portal actions that register their own request.
  const work = new RequestWorkService(new RightsRequestRepository(dbs.stores.privacy), audit, clock);
  const choices = new ChoicesService(new ChoicesRepository(dbs.stores.privacy), audit, subjectExists, work);
  const logAuditError = (err: unknown) =>
    app.log.error({ errType: err instanceof Error ? err.name : typeof err }, "audit trail write failed");
  const holds = new LegalHoldRepository(dbs.stores.privacy);
  // The erasure jobs live in the privacy store; the queue stops before the pools close (onClose below).
  const queue = await JobQueue.start(config, dbs);
  const erasure = new ErasureRunner(new ErasureService(sources, holds, clock), requests, work, dbs.stores.privacy, queue, {
    jobDelaySeconds: config.jobs.erasureDelaySeconds,
    retryDelaySeconds: config.jobs.erasureRetryDelaySeconds,
    pollingIntervalSeconds: config.jobs.pollSeconds,
  });
  await erasure.start();
  app.addHook("onClose", async () => queue.stop({ graceful: true, timeoutMs: config.http.shutdownGraceMs }));
  const instances = new Map<unknown, unknown>([
    [SubjectResolver, new SubjectResolver(new SubjectService(sources, holds))],
    [SubjectPrivacyResolver, new SubjectPrivacyResolver()],
    [ChoicesResolver, new ChoicesResolver(choices)],
    [AccessReportResolver, new AccessReportResolver(new AccessReportService(sources, choices, requests, { audit, portal: work, onFailure: logAuditError }), clock)],
    [RectificationResolver, new RectificationResolver(new RectificationService(sources.crm, audit, work, logAuditError))],
    [RightsRequestResolver, new RightsRequestResolver(requests)],
    [ErasureResolver, new ErasureResolver(erasure)],
    [AuditResolver, new AuditResolver(audit)],
  ]);
  const built = await buildGatewaySchema({ get: (cls) => instances.get(cls) });
  const classification = new SchemaClassification(built);
  const schema = applyPermissions(built, classification);
  const views = new ViewRegistry(classification, new Pseudonymizer(config.pseudonymKey, clock));
  const loadChoices: LoadSubjectChoices = (ids) => choices.loadActive(ids);
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
  return { app, apollo };
}
