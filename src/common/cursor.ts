import { appError, ErrorCode } from "../errors/error-code";

/**
 * Opaque cursors: base64url of "<kind>:<payload>". Clients must not build them; a cursor of the wrong kind
 * or shape is BAD_USER_INPUT (never a database error).
 */
export function encodeCursor(kind: string, payload: string): string {
  return Buffer.from(`${kind}:${payload}`, "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string, argName = "after"): string {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  if (!text.startsWith(`${kind}:`)) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${argName}" is not a valid cursor`);
  return text.slice(kind.length + 1);
}

/** Page sizes are bounded so that one request cannot ask for the whole database. */
export function assertPageSize(first: number, max: number, argName = "first"): void {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${argName}" must be between 1 and ${max}`);
  }
}
