import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError } from "graphql";
import type { TokenService } from "../auth/token.service";
import type { RequestContextBuilder } from "../access/request-context.builder";
import { accessReportDownloadAllowed } from "../access/permission-rules";
import { PURPOSE_HEADER } from "../access/declared-purpose";
import { actorOf } from "../access/actor";
import { AuditAction, type AuditRecorder } from "../audit/audit-entry";
import { appError, ErrorCode, HTTP_STATUS } from "../errors/error-code";
import type { Clock } from "../common/clock";
import type { AccessReportService } from "../rights/access-report/access-report.service";
import { errorBody } from "./http-errors";
import { ACCESS_REPORT_DOWNLOAD_FORMATS, type AccessReportDownloadFormat } from "../rights/access-report/access-report.download";

const ACCESS_REPORT_EXPORT_PATH = "/access-report/export";
/** How the route appears in audit entries' `denied` (a download has no GraphQL field path). */
const DENIED_AT = "GET /access-report/export";

export interface AccessReportRouteDeps {
  tokens: Pick<TokenService, "authenticate">;
  contexts: RequestContextBuilder<object>;
  reports: AccessReportService;
  audit: AuditRecorder;
  clock: Clock;
}

/**
 * GET /access-report/export?subjectId=…&format=zip|json: the access report as a file to save. Thin, and the same
 * gate as `accessReport(subjectId, format)`: the bearer token, the x-purpose rules (RequestContextBuilder, which
 * audits a refused purpose), the same permission (accessReportDownloadAllowed; a refusal is audited as DENIED like
 * the GraphQL audit plugin does) and the service's own audit entry and portal request. Refusals in the GraphQL
 * error shape with the code's status.
 */
export function registerAccessReportRoutes(app: FastifyInstance, deps: AccessReportRouteDeps): void {
  app.get(ACCESS_REPORT_EXPORT_PATH, async (request, reply) => {
    try {
      const { subjectId, format } = exportArgs(request.query);
      const principal = await deps.tokens.authenticate(request.headers.authorization);
      const ctx = await deps.contexts.build(principal, request.id, request.headers[PURPOSE_HEADER]);
      const allowed = await accessReportDownloadAllowed(ctx, subjectId);
      if (allowed !== true) {
        const code = codeOf(allowed);
        await deps.audit.record([{ action: AuditAction.DENIED, actor: principal.actor, role: principal.role, purpose: ctx.purpose,
          subjectId: null, requestId: request.id, denied: [{ field: DENIED_AT, code }], detail: { codes: [code] } }]);
        throw allowed;
      }
      const file = await deps.reports.download(actorOf(ctx), subjectId, format, deps.clock.now());
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "no-store")
        .send(file.body);
    } catch (err) {
      return refuse(request, reply, err);
    }
  });
}

function exportArgs(query: unknown): { subjectId: string; format: AccessReportDownloadFormat } {
  const q = (query ?? {}) as Record<string, unknown>;
  if (typeof q.subjectId !== "string" || q.subjectId === "") throw appError(ErrorCode.BAD_USER_INPUT, 'Query parameter "subjectId" is required');
  const format = q.format ?? "zip";
  if (!ACCESS_REPORT_DOWNLOAD_FORMATS.includes(format as AccessReportDownloadFormat)) {
    throw appError(ErrorCode.BAD_USER_INPUT, `Query parameter "format" must be one of ${ACCESS_REPORT_DOWNLOAD_FORMATS.join(", ")}`);
  }
  return { subjectId: q.subjectId, format: format as AccessReportDownloadFormat };
}

const codeOf = (err: unknown): string => (err instanceof GraphQLError ? String(err.extensions.code ?? "") : "");

/** A coded error answers with its status and code; anything else is a 500 with nothing of its details. */
function refuse(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const code = codeOf(err) as ErrorCode;
  const status = HTTP_STATUS[code];
  if (!status || code === ErrorCode.INTERNAL_SERVER_ERROR) {
    request.log.error({ errType: err instanceof Error ? err.name : typeof err }, "access report download failed");
    return reply.code(500).send(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"));
  }
  if (code === ErrorCode.UNAUTHENTICATED) reply.header("www-authenticate", "Bearer");
  return reply.code(status).send(errorBody(code, (err as Error).message));
}
