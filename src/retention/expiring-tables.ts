import type { Sources } from "../sources/sources";
import type { ExpiredRows } from "../sources/expiry-sql";

/** One source table the engine deletes from under one rule, through its adapter. */
export interface ExpiringTable {
  rule: string;
  store: "auth" | "weblog";
  table: string;
  /** The record type holds name it by (privacy.legal_hold.record_type). */
  recordType: string;
  expired(before: Date, heldIds: readonly string[]): Promise<ExpiredRows>;
  deleteExpired(before: Date, heldIds: readonly string[], limit: number): Promise<number>;
}

/**
 * The tables each rule reaches. `activity-rolling`: login events and web-log lines, of every customer and of
 * anonymous traffic, by the moment they were logged.
 */
export function expiringTables(sources: Pick<Sources, "auth" | "weblog">): ExpiringTable[] {
  const { auth, weblog } = sources;
  return [
    { rule: "activity-rolling", store: "auth", table: "login_event", recordType: "login_event",
      expired: (b, h) => auth.expired(b, h), deleteExpired: (b, h, n) => auth.deleteExpired(b, h, n) },
    { rule: "activity-rolling", store: "weblog", table: "access_log", recordType: "access_log",
      expired: (b, h) => weblog.expired(b, h), deleteExpired: (b, h, n) => weblog.deleteExpired(b, h, n) },
  ];
}
