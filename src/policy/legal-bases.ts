import { DATA_CATEGORIES, DataCategory } from "./categories";

/**
 * Legal demands from police and justice (SPEC §7): who may demand what, under which article of the Dutch
 * Code of Criminal Procedure (Sv). The table is the policy; the disclosure service only interprets it.
 */

/** Who issued the demand. */
export enum IssuerType {
  /** Opsporingsambtenaar. */
  POLICE_OFFICER = "POLICE_OFFICER",
  /** Officier van justitie (OvJ). */
  PUBLIC_PROSECUTOR = "PUBLIC_PROSECUTOR",
  /** Rechter-commissaris (RC). */
  INVESTIGATING_JUDGE = "INVESTIGATING_JUDGE",
  COURT = "COURT",
}

/** An issuer "at least" X: POLICE_OFFICER < PUBLIC_PROSECUTOR < INVESTIGATING_JUDGE = COURT. */
export const ISSUER_RANK: Readonly<Record<IssuerType, number>> = {
  POLICE_OFFICER: 1,
  PUBLIC_PROSECUTOR: 2,
  INVESTIGATING_JUDGE: 3,
  COURT: 3,
};

/** The article a demand is made under. */
export enum LegalDemandBasis {
  SV_126NA = "SV_126NA",
  SV_126NC = "SV_126NC",
  SV_126ND = "SV_126ND",
  SV_126NE = "SV_126NE",
  SV_126NF = "SV_126NF",
  SV_126NG = "SV_126NG",
  SV_126NI = "SV_126NI",
  COURT_ORDER = "COURT_ORDER",
}

/** How the demand reached the company. */
export enum DemandChannel {
  WRITTEN = "WRITTEN",
  ORAL = "ORAL",
}

export interface LegalBasisRule {
  article: string;
  /** What the article lets the issuer demand, in a few words. */
  covers: string;
  minimumIssuer: IssuerType;
  /** The categories a demand under this article may name. */
  categories: readonly DataCategory[];
  /** Oral demands: refused (null), or accepted with the written copy due within this many days. */
  oralWrittenCopyDays: number | null;
  /** An authorisation reference is required: the RC's (126nf, 126ng) or the court's (a court order). */
  authorisationRequired: boolean;
  /** 126ne: the demand covers data arising in a future window of at most this many days. */
  futureWindowMaxDays?: number;
  /** 126ni: nothing is disclosed; the named data is preserved under a hold of at most this many days. */
  preservationMaxDays?: number;
  /** Sv demands are confidential by default (Sv 126bb, UAVG art. 41) until lifted with evidence. */
  confidentialByDefault: boolean;
}

/** Identifying data: the customer number is part of NAME (categories.ts). */
const IDENTIFYING: readonly DataCategory[] = [DataCategory.NAME, DataCategory.ADDRESS, DataCategory.GENDER];
/** Every category the company stores; password hashes and secrets are no category and never disclosed. */
const ANY: readonly DataCategory[] = DATA_CATEGORIES;

export const LEGAL_BASES: Readonly<Record<LegalDemandBasis, LegalBasisRule>> = {
  SV_126NA: {
    article: "Sv art. 126na", covers: "identifying data of a user of a communication service",
    minimumIssuer: IssuerType.POLICE_OFFICER, categories: [DataCategory.NAME, DataCategory.ADDRESS],
    oralWrittenCopyDays: null, authorisationRequired: false, confidentialByDefault: true,
  },
  SV_126NC: {
    article: "Sv art. 126nc", covers: "identifying data",
    minimumIssuer: IssuerType.POLICE_OFFICER, categories: IDENTIFYING,
    oralWrittenCopyDays: null, authorisationRequired: false, confidentialByDefault: true,
  },
  SV_126ND: {
    article: "Sv art. 126nd", covers: "stored data",
    minimumIssuer: IssuerType.PUBLIC_PROSECUTOR, categories: ANY,
    oralWrittenCopyDays: 3, authorisationRequired: false, confidentialByDefault: true,
  },
  SV_126NE: {
    article: "Sv art. 126ne", covers: "data arising in a future window",
    minimumIssuer: IssuerType.PUBLIC_PROSECUTOR, categories: ANY, futureWindowMaxDays: 28,
    oralWrittenCopyDays: null, authorisationRequired: false, confidentialByDefault: true,
  },
  SV_126NF: {
    article: "Sv art. 126nf", covers: "sensitive stored data, with the RC's authorisation",
    minimumIssuer: IssuerType.PUBLIC_PROSECUTOR, categories: ANY,
    oralWrittenCopyDays: null, authorisationRequired: true, confidentialByDefault: true,
  },
  SV_126NG: {
    article: "Sv art. 126ng", covers: "communication content, with the RC's authorisation",
    minimumIssuer: IssuerType.PUBLIC_PROSECUTOR, categories: ANY,
    oralWrittenCopyDays: null, authorisationRequired: true, confidentialByDefault: true,
  },
  SV_126NI: {
    article: "Sv art. 126ni", covers: "preservation only: nothing is disclosed",
    minimumIssuer: IssuerType.PUBLIC_PROSECUTOR, categories: ANY, preservationMaxDays: 90,
    oralWrittenCopyDays: 3, authorisationRequired: false, confidentialByDefault: true,
  },
  COURT_ORDER: {
    article: "court order", covers: "what the order states",
    minimumIssuer: IssuerType.COURT, categories: ANY,
    oralWrittenCopyDays: null, authorisationRequired: true, confidentialByDefault: false,
  },
};

/** Categories no demand may name without a time range (no open-ended logs or payment histories). */
export const TIME_RANGE_CATEGORIES: readonly DataCategory[] = [DataCategory.IP_ADDRESS, DataCategory.ACCOUNT_ACTIVITY, DataCategory.PAYMENT];

/** Naming a subject by an IP address and a moment: who used the address within this window around the moment. */
export const IP_LOOKUP_WINDOW_MINUTES = 60;

/** Why a demand is refused: codes a client can act on, each with its text. */
export enum DemandRefusal {
  ISSUER_TOO_LOW = "ISSUER_TOO_LOW",
  CATEGORY_NOT_COVERED = "CATEGORY_NOT_COVERED",
  NO_CATEGORIES = "NO_CATEGORIES",
  ORAL_NOT_ALLOWED = "ORAL_NOT_ALLOWED",
  DOCUMENT_HASH_MISSING = "DOCUMENT_HASH_MISSING",
  TIME_RANGE_REQUIRED = "TIME_RANGE_REQUIRED",
  TIME_RANGE_INVERTED = "TIME_RANGE_INVERTED",
  AUTHORISATION_MISSING = "AUTHORISATION_MISSING",
  FUTURE_WINDOW_TOO_LONG = "FUTURE_WINDOW_TOO_LONG",
  PRESERVATION_PERIOD_MISSING = "PRESERVATION_PERIOD_MISSING",
  PRESERVATION_TOO_LONG = "PRESERVATION_TOO_LONG",
  PRESERVATION_NOT_APPLICABLE = "PRESERVATION_NOT_APPLICABLE",
  SUBJECT_NOT_FOUND = "SUBJECT_NOT_FOUND",
  SUBJECT_AMBIGUOUS = "SUBJECT_AMBIGUOUS",
}

export const DEMAND_REFUSAL_TEXT: Readonly<Record<DemandRefusal, string>> = {
  ISSUER_TOO_LOW: "the issuer may not make a demand under this basis",
  CATEGORY_NOT_COVERED: "a requested category is not covered by this basis",
  NO_CATEGORIES: "no category is requested",
  ORAL_NOT_ALLOWED: "an oral demand is not allowed under this basis",
  DOCUMENT_HASH_MISSING: "a written demand needs the SHA-256 of its document",
  TIME_RANGE_REQUIRED: "a requested category (or the basis) needs a time range",
  TIME_RANGE_INVERTED: "the time range ends before it starts",
  AUTHORISATION_MISSING: "this basis needs an authorisation reference (the RC's or the court's)",
  FUTURE_WINDOW_TOO_LONG: "the future window is longer than the basis allows",
  PRESERVATION_PERIOD_MISSING: "a preservation order needs its period in days",
  PRESERVATION_TOO_LONG: "the preservation period is longer than the basis allows",
  PRESERVATION_NOT_APPLICABLE: "only a preservation order has a preservation period",
  SUBJECT_NOT_FOUND: "no subject matches how the demand names it",
  SUBJECT_AMBIGUOUS: "more than one subject matches: a demand names one subject (no dragnet disclosures)",
};
