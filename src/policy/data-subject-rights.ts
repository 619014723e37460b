import type { LocalText } from "./policy-texts";

/**
 * The rights the statement explains (AVG art. 7(3), 15-21) and how a subject exercises each, through the
 * portal's GraphQL operations or by e-mail. Keyed by an enum so a right without its text does not compile.
 */
export enum SubjectRight {
  ACCESS = "ACCESS",
  RECTIFICATION = "RECTIFICATION",
  ERASURE = "ERASURE",
  RESTRICTION = "RESTRICTION",
  PORTABILITY = "PORTABILITY",
  OBJECTION = "OBJECTION",
  WITHDRAW_CONSENT = "WITHDRAW_CONSENT",
}

export interface SubjectRightInfo {
  article: string;
  name: LocalText;
  /** What the portal lets the subject do for this right. */
  inPortal: LocalText;
}

export const SUBJECT_RIGHTS: Readonly<Record<SubjectRight, SubjectRightInfo>> = {
  ACCESS: {
    article: "AVG art. 15",
    name: { nl: "Recht op inzage", en: "Right of access" },
    inPortal: { nl: "uw gegevens inzien en als overzicht downloaden, met per soort gegeven het doel, de grondslag en hoe lang wij het bewaren", en: "see your data and download it as a report, with the purpose, lawful basis and retention of each kind of data" },
  },
  RECTIFICATION: {
    article: "AVG art. 16",
    name: { nl: "Recht op rectificatie (corrigeren)", en: "Right to rectification" },
    inPortal: { nl: "uw naam, adres, telefoonnummer, e-mailadres, geslacht en notities corrigeren", en: "correct your name, address, phone number, e-mail address, gender and notes" },
  },
  ERASURE: {
    article: "AVG art. 17",
    name: { nl: "Recht op verwijdering", en: "Right to erasure" },
    inPortal: { nl: "uw gegevens verwijderen; facturen die wij fiscaal moeten bewaren, houden wij tot het einde van die termijn apart en tonen wij u vooraf", en: "erase your data; invoices we must keep for tax purposes are kept apart until that period ends, as shown to you beforehand" },
  },
  RESTRICTION: {
    article: "AVG art. 18",
    name: { nl: "Recht op beperking van de verwerking", en: "Right to restriction of processing" },
    inPortal: { nl: "de verwerking laten beperken en die beperking weer opheffen; daarna gebruiken wij uw gegevens alleen nog voor wettelijke plichten en uw eigen verzoeken", en: "restrict processing and lift the restriction; meanwhile we use your data only for legal obligations and your own requests" },
  },
  PORTABILITY: {
    article: "AVG art. 20",
    name: { nl: "Recht op overdraagbaarheid van gegevens", en: "Right to data portability" },
    inPortal: { nl: "uw gegevens downloaden in een gangbaar, machineleesbaar formaat (JSON en CSV)", en: "download your data in a common machine-readable format (JSON and CSV)" },
  },
  OBJECTION: {
    article: "AVG art. 21",
    name: { nl: "Recht van bezwaar", en: "Right to object" },
    inPortal: { nl: "bezwaar maken tegen elk doel dat op gerechtvaardigd belang rust; wij stoppen dan met die verwerking", en: "object to each purpose that rests on legitimate interest; we then stop that processing" },
  },
  WITHDRAW_CONSENT: {
    article: "AVG art. 7(3)",
    name: { nl: "Recht om uw toestemming in te trekken", en: "Right to withdraw consent" },
    inPortal: { nl: "elke toestemming afzonderlijk intrekken; dat geldt vanaf dat moment", en: "withdraw each consent separately; it applies from that moment" },
  },
};

/** Days within which a rights request is answered (AVG art. 12(3): one month; the company promises four weeks). */
export const ANSWER_DAYS = 28;

/** The national supervisory authority a subject may complain to (AVG art. 77). */
export const SUPERVISORY_AUTHORITY = {
  name: "Autoriteit Persoonsgegevens",
  postalAddress: "Postbus 93374, 2509 AJ Den Haag",
  website: "autoriteitpersoonsgegevens.nl",
} as const;
