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
