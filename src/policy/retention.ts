import { DataCategory } from "./categories";
import { Purpose } from "./purposes";

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

/** SPEC §6. Applied by the retention job (later); the access report states these per category. */
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
