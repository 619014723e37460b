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
  /** The request body is larger than `BODY_LIMIT_BYTES`. */
  PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE",
  /** The request body's content type is not one GraphQL over HTTP accepts. */
  UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE",
  /** An automatic persisted query whose sha256Hash is not the hash of the query sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH",
  /** An oral legal demand whose written copy is overdue cannot be executed until the copy is recorded. */
  WRITTEN_COPY_OVERDUE = "WRITTEN_COPY_OVERDUE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/**
 * HTTP status of a response that a code refuses as a whole, before anything executes. A code raised while
 * executing (a field error beside data the caller may still see) leaves the status to GraphQL over HTTP —
 * 200 — unless it is one of WHOLE_REQUEST_CODES, which never come with data.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.PURPOSE_REQUIRED]: 400,
  [ErrorCode.PURPOSE_NOT_GRANTED]: 403,
  [ErrorCode.PURPOSE_NOT_ALLOWED]: 403,
  [ErrorCode.CONSENT_WITHDRAWN]: 403,
  [ErrorCode.OBJECTION_IN_FORCE]: 403,
  [ErrorCode.PROCESSING_RESTRICTED]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SOURCE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TOO_DEEP]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.AUDIT_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TOO_LARGE]: 400,
  [ErrorCode.QUERY_TOO_COSTLY]: 400,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.PERSISTED_QUERY_HASH_MISMATCH]: 400,
  [ErrorCode.WRITTEN_COPY_OVERDUE]: 409,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/** Codes that refuse the whole request wherever they are raised. */
const WHOLE_REQUEST_CODES = new Set([ErrorCode.UNAUTHENTICATED, ErrorCode.PURPOSE_REQUIRED, ErrorCode.PURPOSE_NOT_GRANTED, ErrorCode.AUDIT_UNAVAILABLE]);

/** Headers that go with a refusal: RFC 6750 §3 asks a 401 to name the scheme it wants. */
const HTTP_HEADERS: Partial<Record<ErrorCode, [string, string][]>> = {
  [ErrorCode.UNAUTHENTICATED]: [["www-authenticate", "Bearer"]],
};

/** A coded error; raised while executing it is a field error (see HTTP_STATUS for the response status). */
export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return WHOLE_REQUEST_CODES.has(code) ? requestRefusal(code, message, extensions) : new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** A coded error that refuses the whole request (nothing executes) with the code's HTTP status. */
export function requestRefusal(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  // Apollo reads the status and headers from `extensions.http` (a Map, as its HeaderMap is); the error
  // formatter removes `http` before the error leaves.
  const headers = HTTP_HEADERS[code];
  const http = { status: HTTP_STATUS[code], ...(headers ? { headers: new Map(headers) } : {}) };
  return new GraphQLError(message, { extensions: { code, ...extensions, http } });
}
