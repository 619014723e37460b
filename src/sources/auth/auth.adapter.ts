import type { DataSource } from "typeorm";
import { StoreStatements } from "../../db/store-statements";
import { groupBy } from "../../common/group-by";
import { ExpiringRows, expirySql } from "../../db/expiry-sql";
import { spansByKey, type RecordSpan } from "../../common/record-span";

/** The login account. There is deliberately no password hash here: the read path never selects it. */
export interface AccountRecord {
  id: string;
  customerNumber: string;
  username: string;
  mfaEnabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export interface LoginEventRecord {
  id: string;
  accountId: string;
  occurredAt: Date;
  ip: string;
  success: boolean;
  userAgent: string;
}

export const ACCOUNT_SQL = `SELECT id, customer_number AS "customerNumber", username, mfa_enabled AS "mfaEnabled",
  created_at AS "createdAt", last_login_at AS "lastLoginAt"
  FROM auth.account WHERE customer_number = ANY($1::text[])`;

/** The newest `$2` events of each account: one statement for any number of accounts (LATERAL per key). */
export const LOGIN_EVENT_SQL = `SELECT e.id, e.account_id AS "accountId", e.occurred_at AS "occurredAt",
  host(e.ip) AS ip, e.success, e.user_agent AS "userAgent"
  FROM unnest($1::uuid[]) AS k(account_id)
  CROSS JOIN LATERAL (
    SELECT * FROM auth.login_event le WHERE le.account_id = k.account_id
    ORDER BY le.occurred_at DESC, le.id DESC LIMIT $2
  ) e`;

/** Every login event of one account, newest first (the access report: no page, no limit). */
export const ALL_LOGIN_EVENTS_SQL = `SELECT id, account_id AS "accountId", occurred_at AS "occurredAt",
  host(ip) AS ip, success, user_agent AS "userAgent"
  FROM auth.login_event WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC`;

/** How many login events each account has, and the oldest and newest (retention): one row per account that has any. */
export const LOGIN_EVENT_SPANS_SQL = `SELECT account_id AS key, count(*)::int AS count, min(occurred_at) AS oldest, max(occurred_at) AS newest
  FROM auth.login_event WHERE account_id = ANY($1::uuid[]) GROUP BY account_id`;

/** Login events by id (records kept under a hold after their account was erased), newest first. */
export const LOGIN_EVENTS_BY_ID_SQL = `SELECT id, account_id AS "accountId", occurred_at AS "occurredAt",
  host(ip) AS ip, success, user_agent AS "userAgent"
  FROM auth.login_event WHERE id = ANY($1::uuid[]) ORDER BY occurred_at DESC, id DESC`;

/** Customer numbers whose accounts logged in from `$1` between `$2` and `$3` (inclusive). */
export const CUSTOMERS_BY_IP_SQL = `SELECT DISTINCT a.customer_number AS "customerNumber"
  FROM auth.login_event e JOIN auth.account a ON a.id = e.account_id
  WHERE e.ip = $1::inet AND e.occurred_at BETWEEN $2 AND $3`;
export const CUSTOMERS_OF_ACCOUNTS_SQL = `SELECT DISTINCT customer_number AS "customerNumber" FROM auth.account WHERE id = ANY($1::uuid[])`;

/** The auth service: login accounts and login events. */
/** Retention of the activity log (exported for the benchmark baseline). */
export const LOGIN_EVENT_EXPIRY = expirySql("auth.login_event", "t.occurred_at < $1::timestamptz");

export class AuthAdapter {
  private readonly sql: StoreStatements;
  /** Rows logged more than the rolling window ago (any account, and anonymous ones), for the retention run. */
  readonly expiredActivity: ExpiringRows;

  constructor(ds: DataSource) {
    this.sql = new StoreStatements("auth", ds);
    this.expiredActivity = new ExpiringRows(this.sql, LOGIN_EVENT_EXPIRY);
  }

  async accountsByCustomer(customerNumbers: readonly string[]): Promise<(AccountRecord | null)[]> {
    const rows = await this.sql.rows<AccountRecord>(ACCOUNT_SQL, [customerNumbers]);
    const byCustomer = new Map(rows.map((r) => [r.customerNumber, r]));
    return customerNumbers.map((c) => byCustomer.get(c) ?? null);
  }

  /**
   * The customer's accounts with how many login events each holds: what an erasure will delete, counted
   * before it does (its evidence must not depend on the delete's own answer arriving). One statement.
   */
  accountsForErasure(customerNumber: string): Promise<{ id: string; loginEvents: number }[]> {
    return this.sql.rows(ERASURE_ACCOUNTS_SQL, [customerNumber]);
  }

  async loginEventsByAccount(accountIds: readonly string[], limit: number): Promise<LoginEventRecord[][]> {
    const rows = await this.sql.rows<LoginEventRecord>(LOGIN_EVENT_SQL, [accountIds, limit]);
    return groupBy(accountIds, rows, (r) => r.accountId);
  }

  /** Customer numbers of the accounts that logged in from `ip` in [from, to]. `ip` must be a valid address. */
  async customersByIp(ip: string, from: Date, to: Date): Promise<string[]> {
    return (await this.sql.rows<{ customerNumber: string }>(CUSTOMERS_BY_IP_SQL, [ip, from, to])).map((r) => r.customerNumber);
  }

  /** Customer numbers of these accounts (unknown accounts are absent). */
  async customersOfAccounts(accountIds: readonly string[]): Promise<string[]> {
    if (accountIds.length === 0) return [];
    return (await this.sql.rows<{ customerNumber: string }>(CUSTOMERS_OF_ACCOUNTS_SQL, [accountIds])).map((r) => r.customerNumber);
  }

  /** All login events of one account, newest first: one statement, unpaged (for the access report). */
  allLoginEvents(accountId: string): Promise<LoginEventRecord[]> {
    return this.sql.rows<LoginEventRecord>(ALL_LOGIN_EVENTS_SQL, [accountId]);
  }

  /** Per account (in the order given): how many login events, the oldest and the newest. One statement, no rows sent. */
  async loginEventSpans(accountIds: readonly string[]): Promise<RecordSpan[]> {
    const rows = await this.sql.rows<RecordSpan & { key: string }>(LOGIN_EVENT_SPANS_SQL, [accountIds]);
    return spansByKey(accountIds, rows);
  }

  /** These login events (unknown ids are absent), newest first: one statement. */
  async loginEventsByIds(ids: readonly string[]): Promise<LoginEventRecord[]> {
    return ids.length ? this.sql.rows<LoginEventRecord>(LOGIN_EVENTS_BY_ID_SQL, [ids]) : [];
  }

  /** How many of the accounts' login events, but `keepIds`, were logged at or after `since`: what an erasure then deletes. */
  async countLoginEventsSince(accountIds: readonly string[], keepIds: readonly string[], since: Date): Promise<number> {
    if (accountIds.length === 0) return 0;
    const [row] = await this.sql.rows<{ n: number }>(COUNT_LOGIN_EVENTS_SINCE_SQL, [accountIds, keepIds, since]);
    return row.n;
  }

  /**
   * Erasure (art. 17): the accounts' login events, then the accounts. One statement, hence one transaction:
   * either both go or neither. Deleting by account id (not by event ids listed earlier) also removes events
   * logged after the erasure was planned. Repeating it deletes nothing more. `keep`: accounts and events a
   * hold keeps (a preservation order), left unchanged.
   */
  async eraseAccounts(accountIds: readonly string[], keep: { accountIds: readonly string[]; eventIds: readonly string[] } = NO_KEEP)
    : Promise<{ login_event: number; account: number }> {
    const [row] = await this.sql.rows<{ login_event: number; account: number }>(ERASE_ACCOUNTS_SQL, [accountIds, keep.eventIds, keep.accountIds]);
    return row;
  }
}

export const COUNT_LOGIN_EVENTS_SINCE_SQL = `SELECT count(*)::int AS n FROM auth.login_event
  WHERE account_id = ANY($1::uuid[]) AND id <> ALL($2::uuid[]) AND occurred_at >= $3::timestamptz`;

export const ERASURE_ACCOUNTS_SQL = `SELECT a.id,
  (SELECT count(*) FROM auth.login_event e WHERE e.account_id = a.id)::int AS "loginEvents"
  FROM auth.account a WHERE a.customer_number = $1`;

// Data-modifying CTEs run in one snapshot; there is no foreign key between the two tables to order them by.
const NO_KEEP = { accountIds: [], eventIds: [] };

export const ERASE_ACCOUNTS_SQL = `WITH
  e AS (DELETE FROM auth.login_event WHERE account_id = ANY($1::uuid[]) AND id <> ALL($2::uuid[]) RETURNING 1),
  a AS (DELETE FROM auth.account WHERE id = ANY($1::uuid[]) AND id <> ALL($3::uuid[]) RETURNING 1)
  SELECT (SELECT count(*) FROM e)::int AS login_event, (SELECT count(*) FROM a)::int AS account`;
