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
export function expiringTables(sources: Pick<Sources, "auth" | "weblog" | "billing">, holds: Pick<LegalHoldRepository, "expiredFiscalHolds">): ExpiringTable[][] {
  const { auth, weblog, billing } = sources;
  return [
    [table("activity-rolling", "auth", "login_event", auth.expiredActivity, ["login_event"])],
    [table("activity-rolling", "weblog", "access_log", weblog.expiredActivity, ["access_log"])],
    [
      table("fiscal", "billing", "payment", billing.expiredPayments, ["payment"]),
      table("fiscal", "billing", "invoice", billing.expiredInvoices, ["invoice"]),
      table("fiscal", "privacy", "legal_hold", holds.expiredFiscalHolds, [], "today"),
    ],
  ];
}

/** The gateway's own records, from the features that own them (given by the composition root). */
export interface PrivacyRecords {
  requests: Rows;
  directives: Rows;
  demands: Rows;
}

/** privacy-records: closed rights requests (with their tasks), ended directives, closed legal demands (with their manifests). */
export function privacyRecordTables(r: PrivacyRecords): ExpiringTable[][] {
  return [[
    table("privacy-records", "privacy", "rights_request", r.requests),
    table("privacy-records", "privacy", "subject_directive", r.directives),
    table("privacy-records", "privacy", "legal_demand", r.demands),
  ]];
}

type Rows = Pick<ExpiringRows, "expired" | "deleteExpired">;

const table = (rule: string, store: string, name: string, rows: Rows, heldAs: readonly string[] = [], cutoff: ExpiringTable["cutoff"] = "rule"): ExpiringTable =>
  ({ rule, store, table: name, heldAs, cutoff, expired: (b, h) => rows.expired(b, h), deleteExpired: (b, h, n) => rows.deleteExpired(b, h, n) });
