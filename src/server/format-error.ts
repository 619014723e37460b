import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ErrorCode } from "../errors/error-code";
import { StoreUnavailableError } from "../db/store-error";
import { tokenLimitMessage } from "./token-limit";

/** Codes Apollo itself assigns to a bad request; their messages are safe once input values are removed. */
const APOLLO_CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);
const OUR_CODES = new Set<string>(Object.values(ErrorCode));
/** Apollo's request pipeline refuses these with HTTP 400 but no code; they get a precise one. */
const APOLLO_UNCODED: Readonly<Record<string, string>> = {
  "provided sha does not match query": ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  "Unsupported persisted query version": "PERSISTED_QUERY_NOT_SUPPORTED",
};

/**
 * The last gate before an error leaves the gateway: known client errors keep their code and a message without
 * the caller's values; anything unexpected (a bug, a driver error with SQL in its text) becomes a generic
 * INTERNAL_SERVER_ERROR, reported through `onInternal` for the log.
 */
export function createErrorFormatter(onInternal: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof StoreUnavailableError) {
      return {
        ...base,
        message: `The ${original.source} service is unavailable; try again later`,
        extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, source: original.source },
      };
    }
    // Apollo re-codes validation-rule errors as GRAPHQL_VALIDATION_FAILED; ours keep their own code.
    const inner = original instanceof GraphQLError && original.originalError instanceof GraphQLError ? original.originalError : null;
    const innerCode = inner?.extensions?.code;
    const code = String(typeof innerCode === "string" && OUR_CODES.has(innerCode) ? innerCode : (formatted.extensions?.code ?? ""));
    if (OUR_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { http: _http, stacktrace: _st, ...extensions } = { ...formatted.extensions, ...inner?.extensions };
      return { ...base, message: withoutValues(formatted.message), extensions: { ...extensions, code } };
    }
    const tooLarge = code === "GRAPHQL_PARSE_FAILED" ? tokenLimitMessage(formatted.message) : null;
    if (tooLarge) return { ...base, message: tooLarge, extensions: { code: ErrorCode.QUERY_TOO_LARGE } };
    if (APOLLO_CLIENT_CODES.has(code)) {
      return { ...base, message: withoutValues(formatted.message), extensions: { code } };
    }
    const uncoded = original instanceof GraphQLError && original.extensions.code === undefined ? APOLLO_UNCODED[original.message] : undefined;
    if (uncoded) return { ...base, message: formatted.message, extensions: { code: uncoded } };
    onInternal(original);
    return { ...base, message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/**
 * graphql-js echoes offending values ('Variable "$id" got invalid value "…"', 'Expected …, found "…"'), and
 * its syntax errors quote the token found (`found String "…"`, `Unexpected character: "…"`). Those values
 * can be personal data; keep the variable or argument name and what was expected, drop the value.
 */
export function withoutValues(message: string): string {
  return message
    .replace(/^(Variable "\$\w+") got invalid value [\s\S]*$/, "$1 has an invalid value.")
    .replace(/(Expected value of type "[^"]+"), found [\s\S]*$/, "$1.")
    .replace(/(cannot represent [\w\s-]*?(?:value|date-time-string|type|timestamp))\b[\s\S]*$/, "$1.")
    .replace(/^Value "[\s\S]*" does not exist in ("\w+" enum)\.[\s\S]*$/, "The value does not exist in $1.")
    // An input object's keys are the caller's too (rectifySubject does not echo unknown field names either).
    .replace(/^Field "[\s\S]*" is not defined by type ("\w+")\.[\s\S]*$/, "The input holds a field not defined by type $1.")
    // So are the names of arguments the schema does not have.
    .replace(/^Unknown argument "[\s\S]*" on (field|directive) ("[^"]+")\.[\s\S]*$/, "Unknown argument on $1 $2.")
    .replace(/^(Syntax Error: [\s\S]*?) (Name|Int|Float|String|BlockString|Comment) "[\s\S]*"\.$/, "$1 $2.")
    .replace(/^(Syntax Error: [\w\s,]+): (?:"[\s\S]*"|U\+[0-9A-F]{4,6})\.$/, "$1.");
}
