import { DataCategory } from "./categories";
import { Purpose } from "./purposes";
import { PURPOSE_MATRIX } from "./matrix";

/**
 * After erasure, records kept under a legal hold (fiscal retention) are readable for these purposes only
 * (SPEC §5: "readable only for LEGAL_TAX"); for every other purpose the erased subject does not exist.
 */
export const LEGAL_HOLD_READERS: readonly Purpose[] = [Purpose.LEGAL_TAX];

/** Why held invoices and payments survive an erasure: the tax retention duty outranks art. 17 (17(3)(b)). */
export const FISCAL_HOLD_BASIS = "AWR art. 52; AVG art. 17(3)(b)";

/** What a retention period counts from. */
export enum RetentionAnchor {
  /** The end of the customer's contract. */
  CONTRACT_END = "CONTRACT_END",
  /** When the record was made (rolling window). */
  RECORD_TIME = "RECORD_TIME",
  /** 31 December of the invoice's year. */
  END_OF_INVOICE_YEAR = "END_OF_INVOICE_YEAR",
  /** When a rights request, consent record or disclosure was closed. */
  CLOSURE = "CLOSURE",
}

export interface RetentionRule {
  id: string;
  appliesTo: string;
  categories: readonly DataCategory[];
  anchor: RetentionAnchor;
  months: number;
  reason: string;
}

/** SPEC §6. Applied by the retention job (src/retention); the access report states these per category. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    id: "crm-after-contract",
    appliesTo: "crm customer data, credentials and payment methods",
    categories: [
      DataCategory.NAME,
      DataCategory.ADDRESS,
      DataCategory.GENDER,
      DataCategory.PHONE,
      DataCategory.EMAIL,
      DataCategory.OTHER,
      DataCategory.CREDENTIALS,
    ],
    anchor: RetentionAnchor.CONTRACT_END,
    months: 6,
    reason: "Privacy statement: other data kept 6 months after the contract ends",
  },
  {
    id: "activity-rolling",
    appliesTo: "login events and web logs",
    categories: [DataCategory.ACCOUNT_ACTIVITY, DataCategory.IP_ADDRESS],
    anchor: RetentionAnchor.RECORD_TIME,
    months: 6,
    reason: "Privacy statement: kept no longer than necessary; 6 months rolling",
  },
  {
    id: "fiscal",
    appliesTo: "invoices and payments",
    categories: [DataCategory.PAYMENT],
    anchor: RetentionAnchor.END_OF_INVOICE_YEAR,
    months: 7 * 12,
    reason: "AWR art. 52: tax records are kept 7 years",
  },
  {
    id: "privacy-records",
    appliesTo: "rights-request, consent and disclosure records",
    categories: [],
    anchor: RetentionAnchor.CLOSURE,
    months: 5 * 12,
    reason: "Evidence of compliance, 5 years after closure",
  },
];

/** The policy's rule of that id (ids are the ones in RETENTION_RULES). */
export function ruleById(id: string): RetentionRule {
  const rule = RETENTION_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`retention rule ${id} is not in the policy`);
  return rule;
}

/** The rule the policy names for a category (every personal-data category has exactly one). */
export function ruleForCategory(category: DataCategory): RetentionRule {
  const rule = RETENTION_RULES.find((r) => r.categories.includes(category));
  if (!rule) throw new Error(`no retention rule covers ${category}`);
  return rule;
}

/**
 * Purposes whose own records the gateway keeps (rights requests, consents and objections, disclosure
 * manifests): the retention rules without a data category (RETENTION_RULES, "privacy-records") apply to them.
 */
export const PRIVACY_RECORD_PURPOSES: readonly Purpose[] = [Purpose.DATA_SUBJECT_RIGHTS, Purpose.LEGAL_DISCLOSURE];

/** The rules that bind a purpose's records (the art. 30 register): those of its categories, and the gateway's own records' rules. */
export function rulesOfPurpose(purpose: Purpose): RetentionRule[] {
  const categories = Object.keys(PURPOSE_MATRIX[purpose]);
  return RETENTION_RULES.filter((r) =>
    r.categories.length === 0 ? PRIVACY_RECORD_PURPOSES.includes(purpose) : r.categories.some((c) => categories.includes(c)),
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `isoDate` (YYYY-MM-DD) plus `months` calendar months; a day past the month's end clamps (08-31 + 6 → 02-28/29). */
export function addMonths(isoDate: string, months: number): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error("addMonths: not an ISO date");
  const total = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The UTC calendar date of a timestamp (ISO string or Date): the day retention is judged on. */
export const utcDate = (t: Date | string): string => new Date(t).toISOString().slice(0, 10);

/**
 * The last day a record is kept under `rule`, counted from its anchor's date (YYYY-MM-DD): the rule's months
 * after it, or, for END_OF_INVOICE_YEAR, after 31 December of that date's year.
 */
export function retentionEnd(rule: RetentionRule, anchorDate: string): string {
  const from = rule.anchor === RetentionAnchor.END_OF_INVOICE_YEAR ? `${anchorDate.slice(0, 4)}-12-31` : anchorDate;
  return addMonths(from, rule.months);
}

/** The fiscal rule's end for an invoice (and the payments settling it): 31 December of its year plus 7 years. */
export const fiscalRetentionEnd = (invoiceDate: string): string => retentionEnd(ruleById("fiscal"), invoiceDate);

/** `isoDate` plus `days` days (YYYY-MM-DD). */
export const addDays = (isoDate: string, days: number): string => utcDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000));

/**
 * The earliest anchor date whose records `rule` still keeps on `today` (YYYY-MM-DD): a record anchored on an
 * earlier day has passed its last day (`retentionEnd` < today) and is deleted by the retention run. The inverse
 * of `retentionEnd`, so the day the engine deletes a record is the day after the one the access report states.
 */
export function firstKeptAnchor(rule: RetentionRule, today: string): string {
  let day = addMonths(today, -rule.months);
  while (retentionEnd(rule, addDays(day, -1)) >= today) day = addDays(day, -1);
  while (retentionEnd(rule, day) < today) day = addDays(day, 1);
  return day;
}

/** A litigation hold lasts at most this many months from the day it is placed; then it is placed again (renewed). */
export const LITIGATION_HOLD_MAX_MONTHS = 24;

/** Why a litigation hold beats erasure and retention: the controller's legal claims (art. 17(3)(e)), kept restricted (art. 18(2)). */
export const LITIGATION_HOLD_BASIS = "AVG art. 17(3)(e) and 18(2): establishment, exercise or defence of legal claims";

/**
 * The day the retention run deletes a record whose last day kept is `lastDay` (what the access report states):
 * the next day, as `firstKeptAnchor` judges it. A run that day or later deletes it; one on `lastDay` does not.
 */
export const deletionDay = (lastDay: string): string => addDays(lastDay, 1);
