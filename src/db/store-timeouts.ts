/** How long a store may take: to accept a connection, and to answer one statement (0 = no limit). */
export interface StoreTimeouts {
  connectMs: number;
  statementMs: number;
}

/** The client gives up this long after the server should have cancelled the statement itself. */
const CLIENT_MARGIN_MS = 500;

/**
 * node-postgres pool options for `timeouts`. A source that accepts the TCP connection but never answers is cut
 * off only by these (the socket stays open, so no connection error ever comes):
 * - `connectionTimeoutMillis`: a new connection that does not complete its start-up in time fails;
 * - `statement_timeout`: a live server cancels a statement that runs too long (SQLSTATE 57014);
 * - `query_timeout`: the client stops waiting for a server that does not answer at all ("Query read timeout"),
 *   a little after the server's own cancel would have come.
 * Both failures count as the store being unreachable (store-error.ts): SOURCE_UNAVAILABLE naming that store.
 */
export function poolTimeouts({ connectMs, statementMs }: StoreTimeouts) {
  return {
    connectionTimeoutMillis: connectMs,
    ...(statementMs > 0 ? { statement_timeout: statementMs, query_timeout: statementMs + CLIENT_MARGIN_MS } : {}),
  };
}
