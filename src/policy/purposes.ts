/** GDPR art. 6(1) lawful bases used by the company. */
export enum LawfulBasis {
  /** (a) consent */
  CONSENT = "CONSENT",
  /** (b) performance of the contract */
  CONTRACT = "CONTRACT",
  /** (c) legal obligation */
  LEGAL_OBLIGATION = "LEGAL_OBLIGATION",
  /** (f) legitimate interest: the data subject may object (art. 21) */
  LEGITIMATE_INTEREST = "LEGITIMATE_INTEREST",
}

export const ARTICLE_6: Readonly<Record<LawfulBasis, string>> = {
  CONSENT: "AVG art. 6(1)(a)",
  CONTRACT: "AVG art. 6(1)(b)",
  LEGAL_OBLIGATION: "AVG art. 6(1)(c)",
  LEGITIMATE_INTEREST: "AVG art. 6(1)(f)",
};

/** The purposes the privacy statement names (SPEC §3). Any other declared purpose is refused. */
export enum Purpose {
  WEBSITE = "WEBSITE",
  SERVICE_BILLING = "SERVICE_BILLING",
  ORDERS = "ORDERS",
  CONTACT = "CONTACT",
  ANALYTICS = "ANALYTICS",
  IMPROVEMENT = "IMPROVEMENT",
  LEGAL_TAX = "LEGAL_TAX",
  LEGAL_DISCLOSURE = "LEGAL_DISCLOSURE",
  DATA_SUBJECT_RIGHTS = "DATA_SUBJECT_RIGHTS",
}

export const PURPOSES: readonly Purpose[] = Object.values(Purpose);

export const isPurpose = (value: unknown): value is Purpose => PURPOSES.includes(value as Purpose);

export interface PurposeInfo {
  description: string;
  lawfulBases: readonly LawfulBasis[];
  /** Who receives the data for this purpose (art. 13/15: recipients). */
  recipients: readonly string[];
  /** A restriction of processing (art. 18) does not stop this purpose. */
  survivesRestriction: boolean;
}

const { CONSENT, CONTRACT, LEGAL_OBLIGATION, LEGITIMATE_INTEREST } = LawfulBasis;

export const PURPOSE_INFO: Readonly<Record<Purpose, PurposeInfo>> = {
  WEBSITE: {
    description: "Using our website (login, security logging)",
    lawfulBases: [CONTRACT, LEGITIMATE_INTEREST],
    recipients: ["support staff"],
    survivesRestriction: false,
  },
  SERVICE_BILLING: {
    description: "Delivering and invoicing our services",
    lawfulBases: [CONTRACT, LEGAL_OBLIGATION],
    recipients: ["billing staff"],
    survivesRestriction: false,
  },
  ORDERS: {
    description: "Handling orders",
    lawfulBases: [CONTRACT],
    recipients: ["support staff", "billing staff"],
    survivesRestriction: false,
  },
  CONTACT: {
    description: "Contacting you when you ask us to",
    lawfulBases: [CONTRACT, LEGITIMATE_INTEREST],
    recipients: ["support staff"],
    survivesRestriction: false,
  },
  ANALYTICS: {
    description: "Insight into how our website is used (IP addresses anonymised)",
    lawfulBases: [LEGITIMATE_INTEREST],
    recipients: ["analysts"],
    survivesRestriction: false,
  },
  IMPROVEMENT: {
    description: "Improving our website and services",
    lawfulBases: [LEGITIMATE_INTEREST],
    recipients: ["analysts"],
    survivesRestriction: false,
  },
  LEGAL_TAX: {
    description: "Tax obligations (AWR art. 52)",
    lawfulBases: [LEGAL_OBLIGATION],
    recipients: ["finance staff", "Belastingdienst"],
    survivesRestriction: true,
  },
  LEGAL_DISCLOSURE: {
    description: "Disclosure to police or justice on an approved legal demand",
    lawfulBases: [LEGAL_OBLIGATION],
    recipients: ["police and justice authorities"],
    survivesRestriction: true,
  },
  DATA_SUBJECT_RIGHTS: {
    description: "Handling the data subject's own requests",
    lawfulBases: [LEGAL_OBLIGATION],
    recipients: ["the data subject", "privacy officer"],
    survivesRestriction: true,
  },
};

/** Cells whose basis is consent can be switched off by withdrawing it; (f) cells by an objection. */
export const WITHDRAWABLE_BASIS = CONSENT;
export const OBJECTABLE_BASIS = LEGITIMATE_INTEREST;
