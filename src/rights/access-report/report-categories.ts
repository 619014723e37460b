import { CATEGORY_INFO, DATA_CATEGORIES, DataCategory } from "../../policy/categories";
import { PURPOSE_MATRIX } from "../../policy/matrix";
import { MASKS } from "../../policy/masking";
import { ARTICLE_6, LawfulBasis, PURPOSE_INFO, PURPOSES, type Purpose } from "../../policy/purposes";
import { ConsentStatus } from "../choices/directive";
import type { SubjectPrivacyStatus } from "../choices/privacy-status.type";
import type { CategoryEntry, CategoryPurpose, CategoryRetention, RetentionPart } from "./access-report.document";
import type { RecordSpan } from "../../common/record-span";
import { ruleById, utcDate } from "../../policy/retention";
import { afterContract, categoryRetention, fiscal, rolling } from "./report-retention";

/** What the categories' retention is computed from: the subject's records as the sources returned them. */
export interface CategoryFacts {
  contractEnd: string | null;
  hasCustomer: boolean;
  hasAccount: boolean;
  invoices: readonly { invoiceNumber: string; invoiceDate: string }[];
  payments: number;
  paymentMethods: number;
  loginEvents: RecordSpan;
  accessLog: RecordSpan;
}

/** A subject's records in the four sources, as far as their retention depends on them. */
export interface SubjectHoldings {
  customer: { contractEnd: string | null } | null;
  account: object | null;
  invoices: readonly { invoiceNumber: string; invoiceDate: string }[];
  payments: readonly unknown[];
  paymentMethods: readonly unknown[];
  /** The account's login events and access-log lines: from every row (`spanOf`) or a source's aggregate. */
  loginEvents: RecordSpan;
  accessLog: RecordSpan;
}

/** The facts retention is judged on, from the subject's records: one function for the access report and `Subject.retention`. */
export function categoryFacts(h: SubjectHoldings): CategoryFacts {
  return {
    contractEnd: h.customer?.contractEnd ?? null,
    hasCustomer: h.customer !== null,
    hasAccount: h.account !== null,
    invoices: h.invoices,
    payments: h.payments.length,
    paymentMethods: h.paymentMethods.length,
    loginEvents: h.loginEvents,
    accessLog: h.accessLog,
  };
}

/**
 * Every purpose with a cell for the category in PURPOSE_MATRIX (DATA_SUBJECT_RIGHTS included: it is a real
 * processing, answering this very report), masked cells marked, each with the subject's own choices applied:
 * a withdrawn consent, an objection or a restriction shows the processing as suspended.
 */
export function purposesFor(category: DataCategory, status: SubjectPrivacyStatus): CategoryPurpose[] {
  return PURPOSES.flatMap((purpose) => {
    const cell = PURPOSE_MATRIX[purpose][category];
    if (!cell) return [];
    const info = PURPOSE_INFO[purpose];
    const suspendedBy = suspension(purpose, category, cell.basis, status);
    return [
      {
        purpose,
        description: info.description,
        access: cell.access,
        mask: cell.mask ?? null,
        maskDescription: cell.mask ? MASKS[cell.mask].description : null,
        basis: cell.basis,
        lawfulBasis: ARTICLE_6[cell.basis],
        recipients: info.recipients,
        inEffect: suspendedBy === null,
        suspendedBy,
      },
    ];
  });
}

function suspension(purpose: Purpose, category: DataCategory, basis: LawfulBasis, s: SubjectPrivacyStatus): CategoryPurpose["suspendedBy"] {
  if (s.restriction && !PURPOSE_INFO[purpose].survivesRestriction) return "RESTRICTION";
  if (basis === LawfulBasis.CONSENT) {
    const c = s.consents?.find((x) => x.purpose === purpose && x.category === category);
    if (c?.status === ConsentStatus.WITHDRAWN) return "CONSENT_WITHDRAWN";
  }
  if (basis === LawfulBasis.LEGITIMATE_INTEREST && s.objections?.some((o) => o.purpose === purpose)) return "OBJECTION";
  return null;
}

/** The retention parts of each category: which records it covers and the rule each one falls under. */
export function retentionParts(category: DataCategory, f: CategoryFacts, now: Date): RetentionPart[] {
  const contract = ruleById("crm-after-contract");
  const activity = ruleById("activity-rolling");
  const today = utcDate(now);
  switch (category) {
    case DataCategory.CREDENTIALS:
      return [afterContract(contract, "login account", "auth", f.hasAccount ? 1 : 0, f.contractEnd)];
    case DataCategory.PAYMENT:
      return [
        fiscal(ruleById("fiscal"), f.invoices, f.payments),
        afterContract(contract, "payment methods", "billing", f.paymentMethods, f.contractEnd),
      ];
    case DataCategory.ACCOUNT_ACTIVITY:
    case DataCategory.IP_ADDRESS:
      return [
        rolling(activity, "login events", "auth", f.loginEvents, today),
        rolling(activity, "web access log", "weblog", f.accessLog, today),
      ];
    default:
      return [afterContract(contract, "crm customer record", "crm", f.hasCustomer ? 1 : 0, f.contractEnd)];
  }
}

/**
 * The retention of every category of the policy, in policy order: until when and why. The access report states
 * these, `Subject.retention` shows them, and the retention run deletes each record the day after (`deletionDay`).
 */
export function retentionByCategory(facts: CategoryFacts, now: Date): { category: DataCategory; retention: CategoryRetention }[] {
  return DATA_CATEGORIES.map((category) => ({ category, retention: categoryRetention(category, retentionParts(category, facts, now)) }));
}

/** The categories section: one entry per category of the policy, in policy order. */
export function categoriesSection(facts: CategoryFacts, status: SubjectPrivacyStatus, now: Date): CategoryEntry[] {
  return retentionByCategory(facts, now).map(({ category, retention }) => ({
    category,
    description: CATEGORY_INFO[category].description,
    sources: CATEGORY_INFO[category].sources,
    purposes: purposesFor(category, status),
    retention,
  }));
}
