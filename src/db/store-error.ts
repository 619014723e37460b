import { ErrorCode } from "../errors/error-code";

/**
 * Raised when a store cannot be reached or fails: a source service (crm, billing, auth, weblog) or the
 * gateway's own privacy store. The client sees SOURCE_UNAVAILABLE with `extensions.source` naming the store
 * (`source`), whichever store it is. Carries the store's name only: the underlying driver message may
 * contain SQL or values and must not reach a client.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly source: string,
    cause: unknown,
  ) {
    super(`store ${source} is unavailable`, { cause });
    this.name = "StoreUnavailableError";
  }
}

/** The code a failed step is recorded with (a task's lastErrorCode): a code, never the error's message. */
export function failureCode(err: unknown): string {
  if (err instanceof StoreUnavailableError) return ErrorCode.SOURCE_UNAVAILABLE;
  const code = (err as { extensions?: { code?: unknown } })?.extensions?.code;
  return typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Driver codes and SQLSTATEs that mean the store did not answer, not that the statement was wrong. 57014 is
 * a statement cancelled by DB_STATEMENT_TIMEOUT_MS; "Query read timeout" is the client giving up on a server
 * that never answered (db/store-timeouts.ts).
 */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "57P01", "57P02", "57P03", "57014"]);
const UNREACHABLE_TEXT = /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|not queryable|Query read timeout/i;

/** Whether `err` (or the driver error TypeORM wraps in it) says the store could not be reached or dropped the connection. */
export function isUnreachable(err: unknown): boolean {
  for (const e of [err, (err as { driverError?: unknown })?.driverError]) {
    if (!(e instanceof Error)) continue;
    const code = String((e as { code?: unknown }).code ?? "");
    if (UNREACHABLE_CODES.has(code) || code.startsWith("08") || UNREACHABLE_TEXT.test(e.message)) return true;
  }
  return false;
}

/**
 * What a failure of work on `store` becomes: if the store could not be reached, a StoreUnavailableError
 * naming it — the client sees SOURCE_UNAVAILABLE, not an internal error. Anything else (a constraint, a
 * failed precondition, a bug, another store's StoreUnavailableError) is returned unchanged.
 */
export function storeFailure(store: string, err: unknown): unknown {
  return !(err instanceof StoreUnavailableError) && isUnreachable(err) ? new StoreUnavailableError(store, err) : err;
}

/**
 * Runs work against one store (the privacy store's transactions and multi-statement reads) with the
 * failure mapping of storeFailure. Single statements go through StoreStatements (store-statements.ts).
 */
export async function inStore<T>(store: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw storeFailure(store, err);
  }
}
