import type { Sources } from "../sources/sources";
import type { ExpiredRows, ExpiringRows } from "../db/expiry-sql";
import type { LegalHoldRepository } from "../holds/legal-hold.repository";

/** One table the engine deletes from under one rule, through the code that owns it. */
export interface ExpiringTable {
  rule: string;
  store: string;
  table: string;
  /** The record types whose holds keep this table's rows (privacy.legal_hold.record_type); none: no holds apply. */
  heldAs: readonly string[];
  /** "rule": the cut-off is the rule's first kept anchor day; "today": rows whose last day is before today. */
  cutoff: "rule" | "today";
  expired(before: Date, heldIds: readonly string[]): Promise<ExpiredRows>;
  deleteExpired(before: Date, heldIds: readonly string[], limit: number): Promise<number>;
}

/**
 * The tables each rule reaches, as sequences: the tables of one sequence run in this order (a table read by a later
 * one's condition goes after it) and a failure stops the rest of its sequence until the next run; sequences run at once.
 * - activity-rolling: login events and web-log lines, of every customer and of anonymous traffic, by when logged.
 * - fiscal: payments (they follow their invoice), then invoices, by invoice year; then the fiscal hold rows that
 *   ended with them — only once billing's part has run, so a held invoice never loses its hold first.
 */
export function expiringTables(sources: Pick<Sources, "auth" | "weblog" | "billing">, holds: Pick<LegalHoldRepository, "expiredFiscal" | "deleteExpiredFiscal">): ExpiringTable[][] {
  const { auth, weblog, billing } = sources;
  return [
    [{ rule: "activity-rolling", store: "auth", table: "login_event", heldAs: ["login_event"], cutoff: "rule",
      expired: (b, h) => auth.expired(b, h), deleteExpired: (b, h, n) => auth.deleteExpired(b, h, n) }],
    [{ rule: "activity-rolling", store: "weblog", table: "access_log", heldAs: ["access_log"], cutoff: "rule",
      expired: (b, h) => weblog.expired(b, h), deleteExpired: (b, h, n) => weblog.deleteExpired(b, h, n) }],
    [
      { rule: "fiscal", store: "billing", table: "payment", heldAs: ["payment"], cutoff: "rule",
        expired: (b, h) => billing.expired("payment", b, h), deleteExpired: (b, h, n) => billing.deleteExpired("payment", b, h, n) },
      { rule: "fiscal", store: "billing", table: "invoice", heldAs: ["invoice"], cutoff: "rule",
        expired: (b, h) => billing.expired("invoice", b, h), deleteExpired: (b, h, n) => billing.deleteExpired("invoice", b, h, n) },
      { rule: "fiscal", store: "privacy", table: "legal_hold", heldAs: [], cutoff: "today",
        expired: (b) => holds.expiredFiscal(b), deleteExpired: (b, _h, n) => holds.deleteExpiredFiscal(b, n) },
    ],
  ];
}

/** The gateway's own records, from the features that own them (given by the composition root). */
export interface PrivacyRecords {
  requests: Pick<ExpiringRows, "expired" | "deleteExpired">;
  directives: Pick<ExpiringRows, "expired" | "deleteExpired">;
  demands: Pick<ExpiringRows, "expired" | "deleteExpired">;
}

/** privacy-records: closed rights requests (with their tasks), ended directives, closed legal demands (with their manifests). */
export function privacyRecordTables(r: PrivacyRecords): ExpiringTable[][] {
  const table = (name: string, rows: PrivacyRecords["requests"]): ExpiringTable => ({ rule: "privacy-records", store: "privacy", table: name,
    heldAs: [], cutoff: "rule", expired: (b) => rows.expired(b), deleteExpired: (b, _h, n) => rows.deleteExpired(b, [], n) });
  return [[table("rights_request", r.requests), table("subject_directive", r.directives), table("legal_demand", r.demands)]];
}
