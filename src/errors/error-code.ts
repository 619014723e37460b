import { GraphQLError } from "graphql";

/**
 * Every error a client can see carries one of these codes in `extensions.code`. Messages are written for the
 * caller and never contain SQL, stack traces or the values the caller sent (those may be personal data).
 */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  PURPOSE_REQUIRED = "PURPOSE_REQUIRED",
  PURPOSE_NOT_GRANTED = "PURPOSE_NOT_GRANTED",
  PURPOSE_NOT_ALLOWED = "PURPOSE_NOT_ALLOWED",
  CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN",
  OBJECTION_IN_FORCE = "OBJECTION_IN_FORCE",
  PROCESSING_RESTRICTED = "PROCESSING_RESTRICTED",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  /** A source service did not answer; `extensions.source` names it. */
  SOURCE_UNAVAILABLE = "SOURCE_UNAVAILABLE",
  /** The query nests deeper than the configured limit. */
  QUERY_TOO_DEEP = "QUERY_TOO_DEEP",
  /** The query uses more aliases or directives than the configured limits. */
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  /** The query text has more tokens than the configured limit. */
  QUERY_TOO_LARGE = "QUERY_TOO_LARGE",
  /** The answer could hold more values than the configured cost limit. */
  QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY",
  /** The audit trail could not be written, so nothing was disclosed (fail closed). */
  AUDIT_UNAVAILABLE = "AUDIT_UNAVAILABLE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/** HTTP status for errors that reject the whole request before execution. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.PURPOSE_REQUIRED]: 400,
  [ErrorCode.PURPOSE_NOT_GRANTED]: 403,
  [ErrorCode.AUDIT_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TOO_DEEP]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.QUERY_TOO_LARGE]: 400,
  [ErrorCode.QUERY_TOO_COSTLY]: 400,
};

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}
