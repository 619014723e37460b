import { appError, ErrorCode } from "../errors/error-code";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Subject, request and record ids are UUIDs. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * Refuses an id argument that is not a UUID before it reaches SQL (where it would be a cast error, a 500).
 * The message names the argument and what it should be, never the value the caller sent.
 */
export function assertId(value: string, argName: string, kind: "subject" | "request" | "demand" | "hold"): void {
  if (!UUID.test(value)) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${argName}" is not a ${kind} id`);
}
