import { randomUUID } from "node:crypto";
import { Pool } from "pg";
import { loadConfig, STORE_NAMES, type StoreName } from "../src/config/config";
import { pgTypes } from "../src/db/type-parsers";
import { APPEND_AUDIT_SQL } from "../src/audit/audit.repository";
import { encodeEntry } from "../src/audit/audit-entry.codec";
import { GroupAppend } from "../src/audit/group-append";
import type { AuditEntryInput } from "../src/audit/audit-entry";
import { isPurpose, type Purpose } from "../src/policy/purposes";
import { isRole, type Role } from "../src/policy/roles";

/**
 * The raw server's plumbing: one pg pool per source (each DB_POOL_SIZE, like the gateway), a statement
 * counter, and the audit append (the gateway's encoding, statement and group commit: src/audit).
 * Env (through the gateway's own config loader): DATABASE_URL (required), DB_POOL_SIZE, PORT, HOST,
 * AUDIT_HASH_KEY; BENCH_ROLE and BENCH_PURPOSE name the caller recorded in the audit entries.
 */
export const config = loadConfig();

export const pools = Object.fromEntries(
  STORE_NAMES.map((s) => {
    const url = config.databaseUrls[s];
    if (!url) throw new Error(`raw server: no database URL for ${s} (set DATABASE_URL)`);
    return [s, new Pool({ connectionString: url, max: config.poolSize, types: pgTypes as never })];
  }),
) as Record<StoreName, Pool>;

export const counters = { statements: 0, requests: 0, errors: 0 };

/** One auto-committed statement on a source's pool (so one transaction), counted. */
export async function q<R>(source: StoreName, sql: string, params: unknown[]): Promise<R[]> {
  counters.statements++;
  return (await pools[source].query(sql, params)).rows as R[];
}

const named = { role: process.env.BENCH_ROLE ?? "privacy_officer", purpose: process.env.BENCH_PURPOSE ?? "DATA_SUBJECT_RIGHTS" };
if (!isRole(named.role) || !isPurpose(named.purpose)) throw new Error("raw server: BENCH_ROLE / BENCH_PURPOSE unknown");
/** The caller the audit entries name (the gateway is called with a token of this role and this x-purpose). */
export const caller = { actor: "bench", role: named.role as Role, purpose: named.purpose as Purpose };

const auditGroup = new GroupAppend((entries) => q("privacy", APPEND_AUDIT_SQL, [entries]));

/** Appends entries like AuditService.record without a transaction: encoded now, through the group commit. */
export function appendAudit(entries: readonly Omit<AuditEntryInput, "requestId">[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  const at = new Date();
  const requestId = randomUUID();
  return auditGroup.push(entries.map((e) => encodeEntry({ ...e, requestId }, at, config.audit.hashKey)));
}
