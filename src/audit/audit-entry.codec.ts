import { AuditAction, type AuditEntryInput, type DetailRecord, type DetailScalar } from "./audit-entry";
import { canonicalJson } from "./canonical-json";
import { keyedHash, subjectHash } from "./subject-hash";
import type { ChainRow } from "./chain-verifier";

/** Version of the stored entry's shape; readers branch on it if the shape ever changes. */
export const ENTRY_VERSION = 1;

type DetailValue = DetailScalar | string[] | Record<string, DetailScalar>[];

/** The stored entry: what the hash covers. Every key is always present, so equal facts give equal text. */
export interface StoredEntry {
  v: number;
  /** ISO-8601 UTC with milliseconds (always 24 characters, so text order is time order). */
  at: string;
  action: string;
  actor: string | null;
  role: string | null;
  purpose: string | null;
  /** Keyed hash of the subject id. */
  subject: string | null;
  categories: string[];
  denied: { field: string; code: string }[];
  requestId: string | null;
  detail: Record<string, DetailValue>;
  policyVersion: string | null;
}

/**
 * Builds the canonical text of one entry. Undefined becomes null or empty and lists are sorted, so the text
 * depends only on the facts (not on the order a caller happened to collect them in).
 * A customer acts on their own data: their login id is personal data, so it is stored keyed-hashed like
 * the subject; staff ids stay readable (the trail exists to say which employee did what).
 */
export function encodeEntry(input: AuditEntryInput, at: Date, hashKey: string): string {
  const entry: StoredEntry = {
    v: ENTRY_VERSION,
    at: at.toISOString(),
    action: input.action,
    actor: input.actor == null ? null : input.role === "customer" ? keyedHash(hashKey, input.actor) : input.actor,
    role: input.role ?? null,
    purpose: input.purpose ?? null,
    subject: input.subjectId == null ? null : subjectHash(hashKey, input.subjectId),
    categories: [...new Set(input.categories ?? [])].sort(),
    denied: (input.denied ?? [])
      .map((d) => ({ field: d.field, code: d.code }))
      .sort((a, b) => compare(a.field, b.field) || compare(a.code, b.code)),
    requestId: input.requestId ?? null,
    detail: normaliseDetail(input.detail),
    policyVersion: input.policyVersion ?? null,
  };
  return canonicalJson(entry);
}

function normaliseDetail(detail: AuditEntryInput["detail"]): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(detail ?? {})) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) out[key] = scalar(value as DetailScalar);
    else if (value.every((v) => typeof v === "string")) out[key] = [...(value as readonly string[])];
    else out[key] = (value as readonly DetailRecord[]).map(normaliseRecord);
  }
  return out;
}

function normaliseRecord(record: DetailRecord): Record<string, DetailScalar> {
  const out: Record<string, DetailScalar> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = scalar(value);
  return out;
}

// JSON has no NaN/Infinity: a bad count must not make the audit write (and so the request) fail.
const scalar = (value: DetailScalar): DetailScalar => (typeof value === "number" && !Number.isFinite(value) ? null : value);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One entry as the API shows it. Fields are null when the stored text lacks them (or was tampered with). */
export interface AuditEventView {
  seq: number;
  prevHash: string;
  hash: string;
  entry: string;
  occurredAt: Date | null;
  action: AuditAction | null;
  actor: string | null;
  role: string | null;
  purpose: string | null;
  subjectHash: string | null;
  categories: string[];
  denied: { field: string; code: string }[];
  requestId: string | null;
  detail: Record<string, unknown> | null;
  policyVersion: string | null;
}

const ACTIONS = new Set<string>(Object.values(AuditAction));

/** Reads a stored row for display. Defensive: the text is data, possibly edited outside the gateway. */
export function decodeEntry(row: ChainRow): AuditEventView {
  let e: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.entry);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) e = parsed as Record<string, unknown>;
  } catch {
    // shown with empty fields; auditIntegrity names the entry
  }
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const at = str(e.at) ? new Date(e.at as string) : null;
  return {
    seq: row.seq,
    prevHash: row.prevHash,
    hash: row.hash,
    entry: row.entry,
    occurredAt: at && !Number.isNaN(at.getTime()) ? at : null,
    action: ACTIONS.has(e.action as string) ? (e.action as AuditAction) : null,
    actor: str(e.actor),
    role: str(e.role),
    purpose: str(e.purpose),
    subjectHash: str(e.subject),
    categories: Array.isArray(e.categories) ? e.categories.filter((c): c is string => typeof c === "string") : [],
    denied: Array.isArray(e.denied)
      ? e.denied
          .filter((d): d is { field: unknown; code: unknown } => !!d && typeof d === "object")
          .map((d) => ({ field: String(d.field), code: String(d.code) }))
      : [],
    requestId: str(e.requestId),
    detail: e.detail && typeof e.detail === "object" && !Array.isArray(e.detail) ? (e.detail as Record<string, unknown>) : null,
    policyVersion: str(e.policyVersion),
  };
}
