import type { DataSource } from "typeorm";
import { StoreStatements } from "../../db/store-statements";
import { groupBy } from "../../common/group-by";
import { ExpiringRows, expirySql } from "../../db/expiry-sql";
import { spansByKey, type RecordSpan } from "../../common/record-span";

export interface AccessLogRecord {
  id: string;
  accountId: string;
  occurredAt: Date;
  ip: string;
  method: string;
  path: string;
  status: number;
  userAgent: string;
}

/** Position in an account's log, newest first: (occurredAt, id) of the last row already seen. */
export interface LogPosition {
  occurredAt: Date;
  id: string;
}

export interface AccessLogWindow {
  /** Rows to return per account (the adapter fetches one more to tell whether a next page exists). */
  limit: number;
  after: LogPosition | null;
  from: Date | null;
  to: Date | null;
}

/** One page per account, newest first, inside [from, to): one statement for any number of accounts. */
export const ACCESS_LOG_SQL = `SELECT l.id, l.account_id AS "accountId", l.occurred_at AS "occurredAt",
  host(l.ip) AS ip, l.method, l.path, l.status, l.user_agent AS "userAgent"
  FROM unnest($1::uuid[]) AS k(account_id)
  CROSS JOIN LATERAL (
    SELECT * FROM weblog.access_log a
    WHERE a.account_id = k.account_id
      AND ($2::timestamptz IS NULL OR a.occurred_at >= $2)
      AND ($3::timestamptz IS NULL OR a.occurred_at < $3)
      AND ($4::timestamptz IS NULL OR (a.occurred_at, a.id) < ($4, $5::uuid))
    ORDER BY a.occurred_at DESC, a.id DESC LIMIT $6
  ) l`;

/** Every access-log line of one account, newest first (the access report: no page, no limit). */
export const ALL_ACCESS_LOG_SQL = `SELECT id, account_id AS "accountId", occurred_at AS "occurredAt",
  host(ip) AS ip, method, path, status, user_agent AS "userAgent"
  FROM weblog.access_log WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC`;

/** How many lines each account has, and the oldest and newest (retention): one row per account that has any. */
export const ACCESS_LOG_SPANS_SQL = `SELECT account_id AS key, count(*)::int AS count, min(occurred_at) AS oldest, max(occurred_at) AS newest
  FROM weblog.access_log WHERE account_id = ANY($1::uuid[]) GROUP BY account_id`;

/** Access-log lines by id (lines kept under a hold after their account was erased), newest first. */
export const ACCESS_LOG_BY_ID_SQL = `SELECT id, account_id AS "accountId", occurred_at AS "occurredAt",
  host(ip) AS ip, method, path, status, user_agent AS "userAgent"
  FROM weblog.access_log WHERE id = ANY($1::uuid[]) ORDER BY occurred_at DESC, id DESC`;

/** Accounts that were logged in on requests from `$1` between `$2` and `$3` (inclusive). */
export const ACCOUNTS_BY_IP_SQL = `SELECT DISTINCT account_id AS "accountId" FROM weblog.access_log
  WHERE ip = $1::inet AND occurred_at BETWEEN $2 AND $3 AND account_id IS NOT NULL`;

/** The web-log service: the only code that knows weblog.access_log. */
/** Retention of the activity log (exported for the benchmark baseline). */
export const ACCESS_LOG_EXPIRY = expirySql("weblog.access_log", "t.occurred_at < $1::timestamptz");

export class WeblogAdapter {
  private readonly sql: StoreStatements;
  /** Rows logged more than the rolling window ago (any account, and anonymous ones), for the retention run. */
  readonly expiredActivity: ExpiringRows;

  constructor(ds: DataSource) {
    this.sql = new StoreStatements("weblog", ds);
    this.expiredActivity = new ExpiringRows(this.sql, ACCESS_LOG_EXPIRY);
  }

  async pagesByAccount(accountIds: readonly string[], w: AccessLogWindow): Promise<AccessLogRecord[][]> {
    const params = [accountIds, w.from, w.to, w.after?.occurredAt ?? null, w.after?.id ?? null, w.limit + 1];
    const rows = await this.sql.rows<AccessLogRecord>(ACCESS_LOG_SQL, params);
    return groupBy(accountIds, rows, (r) => r.accountId);
  }

  /** All lines logged while the account was logged in, newest first: one statement, unpaged. */
  allByAccount(accountId: string): Promise<AccessLogRecord[]> {
    return this.sql.rows<AccessLogRecord>(ALL_ACCESS_LOG_SQL, [accountId]);
  }

  /** Per account (in the order given): how many lines were logged under it, the oldest and the newest. One statement. */
  async spansByAccount(accountIds: readonly string[]): Promise<RecordSpan[]> {
    const rows = await this.sql.rows<RecordSpan & { key: string }>(ACCESS_LOG_SPANS_SQL, [accountIds]);
    return spansByKey(accountIds, rows);
  }

  /** These lines (unknown ids are absent), newest first: one statement. */
  async byIds(ids: readonly string[]): Promise<AccessLogRecord[]> {
    return ids.length ? this.sql.rows<AccessLogRecord>(ACCESS_LOG_BY_ID_SQL, [ids]) : [];
  }

  /** Accounts logged in on requests from `ip` in [from, to]; anonymous requests name nobody. `ip` must be valid. */
  async accountsByIp(ip: string, from: Date, to: Date): Promise<string[]> {
    return (await this.sql.rows<{ accountId: string }>(ACCOUNTS_BY_IP_SQL, [ip, from, to])).map((r) => r.accountId);
  }

  /** How many lines were logged under the accounts: an erasure's count before it deletes them. One statement. */
  async countByAccounts(accountIds: readonly string[]): Promise<number> {
    const [row] = await this.sql.rows<{ n: number }>(COUNT_ACCESS_LOG_SQL, [accountIds]);
    return row.n;
  }

  /** How many of the accounts' lines, but `keepIds`, were logged at or after `since`: what an erasure then deletes. */
  async countByAccountsSince(accountIds: readonly string[], keepIds: readonly string[], since: Date): Promise<number> {
    if (accountIds.length === 0) return 0;
    const [row] = await this.sql.rows<{ n: number }>(COUNT_ACCESS_LOG_SINCE_SQL, [accountIds, keepIds, since]);
    return row.n;
  }

  /**
   * Erasure (art. 17): every line logged under the accounts but those a hold keeps (`keepIds`). One statement;
   * repeating it deletes nothing more.
   */
  async eraseByAccounts(accountIds: readonly string[], keepIds: readonly string[] = []): Promise<{ access_log: number }> {
    const [row] = await this.sql.rows<{ n: number }>(ERASE_ACCESS_LOG_SQL, [accountIds, keepIds]);
    return { access_log: row.n };
  }
}

export const COUNT_ACCESS_LOG_SQL = `SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = ANY($1::uuid[])`;

export const COUNT_ACCESS_LOG_SINCE_SQL = `SELECT count(*)::int AS n FROM weblog.access_log
  WHERE account_id = ANY($1::uuid[]) AND id <> ALL($2::uuid[]) AND occurred_at >= $3::timestamptz`;

export const ERASE_ACCESS_LOG_SQL = `WITH d AS (DELETE FROM weblog.access_log WHERE account_id = ANY($1::uuid[]) AND id <> ALL($2::uuid[]) RETURNING 1)
  SELECT count(*)::int AS n FROM d`;
