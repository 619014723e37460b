import { ErrorCode } from "../errors/error-code";

/**
 * Raised by a source adapter when its service cannot be reached or fails. Carries the source's name only:
 * the underlying driver message may contain SQL or values and must not reach a client.
 */
export class SourceUnavailableError extends Error {
  constructor(
    readonly source: string,
    cause: unknown,
  ) {
    super(`source ${source} is unavailable`, { cause });
    this.name = "SourceUnavailableError";
  }
}

/** The code a failed step is recorded with (a task's lastErrorCode): a code, never the error's message. */
export function failureCode(err: unknown): string {
  if (err instanceof SourceUnavailableError) return ErrorCode.SOURCE_UNAVAILABLE;
  const code = (err as { extensions?: { code?: unknown } })?.extensions?.code;
  return typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}
