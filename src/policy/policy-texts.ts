import type { DataCategory } from "./categories";
import { ARTICLE_6, type LawfulBasis, type Purpose } from "./purposes";
import type { RetentionAnchor } from "./retention";
import type { Role } from "./roles";
import type { LegalDemandBasis } from "./legal-bases";

/**
 * The policy's names in the languages the privacy statement is published in. Keyed by the policy's enums, so
 * a purpose, category, basis or role without its words does not compile; the statement and the processing
 * register render these, they never write their own.
 */
export const LANGUAGES = ["nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export type LocalText = Readonly<Record<Language, string>>;

export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

/** The purposes in the words of the statement (the 2018 statement's list, which customers know). */
export const PURPOSE_TEXT: Readonly<Record<Purpose, LocalText>> = {
  WEBSITE: { nl: "Het gebruikmaken van onze website (inloggen, beveiligingslogboek)", en: "Using our website (login, security logging)" },
  SERVICE_BILLING: { nl: "Het verlenen en factureren van onze diensten", en: "Delivering and invoicing our services" },
  ORDERS: { nl: "Het afhandelen van uw bestellingen en het informeren over het verloop daarvan", en: "Handling your orders and keeping you informed about them" },
  CONTACT: { nl: "Het opnemen van contact als hierom wordt gevraagd", en: "Contacting you when you ask us to" },
  ANALYTICS: { nl: "Het verkrijgen van inzicht in het gebruik van onze website (IP-adressen geanonimiseerd)", en: "Insight into how our website is used (IP addresses anonymised)" },
  IMPROVEMENT: { nl: "Het verbeteren van onze website en aangeboden diensten", en: "Improving our website and the services we offer" },
  LEGAL_TAX: { nl: "Wettelijke fiscale verplichtingen, zoals onze belastingaangifte (AWR art. 52)", en: "Tax obligations, such as our tax return (AWR art. 52)" },
  LEGAL_DISCLOSURE: { nl: "Verstrekking aan politie of justitie op een rechtmatige vordering", en: "Disclosure to police or justice on a lawful demand" },
  DATA_SUBJECT_RIGHTS: { nl: "Het afhandelen van uw eigen privacyverzoeken", en: "Handling your own privacy requests" },
};

export const CATEGORY_TEXT: Readonly<Record<DataCategory, LocalText>> = {
  NAME: { nl: "NAW-gegevens: naam en klantnummer", en: "Name and customer number" },
  ADDRESS: { nl: "NAW-gegevens: adres en woonplaats", en: "Postal address" },
  GENDER: { nl: "Geslacht (alleen als u het opgeeft)", en: "Gender (only if you give it)" },
  PHONE: { nl: "Telefoonnummer", en: "Telephone number" },
  EMAIL: { nl: "E-mailadres", en: "E-mail address" },
  CREDENTIALS: { nl: "Inloggegevens: gebruikersnaam en of u tweestapsverificatie gebruikt (nooit uw wachtwoord)", en: "Login details: username and whether you use two-step verification (never your password)" },
  ACCOUNT_ACTIVITY: { nl: "Inloggebeurtenissen en bezoeken aan onze website", en: "Login events and visits to our website" },
  PAYMENT: { nl: "Betaalgegevens: facturen, betalingen en betaalmethoden", en: "Payment data: invoices, payments and payment methods" },
  IP_ADDRESS: { nl: "IP-adres (in inloggebeurtenissen en weblogs)", en: "IP address (in login events and web logs)" },
  OTHER: { nl: "Overige gegevens die u aan ons verstrekt, en de data van uw overeenkomst", en: "Other data you give us, and the dates of your contract" },
};

export const BASIS_TEXT: Readonly<Record<LawfulBasis, LocalText>> = {
  CONSENT: { nl: "toestemming", en: "consent" },
  CONTRACT: { nl: "uitvoering van de overeenkomst", en: "performance of the contract" },
  LEGAL_OBLIGATION: { nl: "wettelijke verplichting", en: "legal obligation" },
  LEGITIMATE_INTEREST: { nl: "gerechtvaardigd belang", en: "legitimate interest" },
};

export const ANCHOR_LOCAL_TEXT: Readonly<Record<RetentionAnchor, LocalText>> = {
  CONTRACT_END: { nl: "na het einde van de overeenkomst", en: "after the contract ends" },
  RECORD_TIME: { nl: "nadat het gegeven is vastgelegd (doorlopend)", en: "after the record was made (rolling)" },
  END_OF_INVOICE_YEAR: { nl: "na 31 december van het jaar van de factuur", en: "after 31 December of the invoice's year" },
  CLOSURE: { nl: "na afsluiting", en: "after closure" },
};

/** What each retention rule (by id, RETENTION_RULES) keeps and why, in the statement's words; a test requires one per rule. */
export const RETENTION_RULE_TEXT: Readonly<Record<string, { appliesTo: LocalText; reason: LocalText }>> = {
  "crm-after-contract": {
    appliesTo: { nl: "Klantgegevens, inloggegevens en betaalmethoden", en: "Customer data, login details and payment methods" },
    reason: { nl: "nodig zolang u klant bent; daarna nog 6 maanden voor vragen over de afwikkeling", en: "needed while you are a customer; then 6 more months for questions about the settlement" },
  },
  "activity-rolling": {
    appliesTo: { nl: "Inloggebeurtenissen en weblogs, met de IP-adressen daarin", en: "Login events and web logs, with the IP addresses in them" },
    reason: { nl: "beveiliging en inzicht in het gebruik; niet langer dan nodig", en: "security and insight into use; no longer than needed" },
  },
  fiscal: {
    appliesTo: { nl: "Facturen en betalingen", en: "Invoices and payments" },
    reason: { nl: "de wettelijke bewaartermijn van 7 jaar uit de belastingwetgeving (AWR art. 52)", en: "the statutory 7-year retention of tax law (AWR art. 52)" },
  },
  "privacy-records": {
    appliesTo: { nl: "Onze vastlegging van uw privacyverzoeken, toestemmingen, bezwaren en verstrekkingen", en: "Our records of your privacy requests, consents, objections and disclosures" },
    reason: { nl: "bewijs dat wij de AVG naleven", en: "evidence that we comply with the GDPR" },
  },
};

/** The company's own people, by role: who inside the company receives data for a purpose (from ROLE_GRANTS). */
export const ROLE_TEXT: Readonly<Record<Role, LocalText>> = {
  customer: { nl: "uzelf", en: "yourself" },
  support: { nl: "medewerkers klantenservice", en: "support staff" },
  billing: { nl: "medewerkers facturatie", en: "billing staff" },
  analyst: { nl: "analisten (alleen gepseudonimiseerd)", en: "analysts (pseudonymised only)" },
  finance: { nl: "medewerkers financiële administratie", en: "finance staff" },
  privacy_officer: { nl: "de privacyfunctionaris", en: "the privacy officer" },
  legal_officer: { nl: "de juridisch medewerker", en: "the legal officer" },
};

/** What each legal-demand article lets police or justice demand (legal-bases.ts), in the statement's words. */
export const LEGAL_BASIS_TEXT: Readonly<Record<LegalDemandBasis, LocalText>> = {
  SV_126NA: { nl: "identificerende gegevens van een gebruiker van een communicatiedienst", en: "identifying data of a user of a communication service" },
  SV_126NC: { nl: "identificerende gegevens", en: "identifying data" },
  SV_126ND: { nl: "opgeslagen gegevens", en: "stored data" },
  SV_126NE: { nl: "gegevens die in een komende periode ontstaan (ten hoogste 4 weken)", en: "data arising in a coming period (at most 4 weeks)" },
  SV_126NF: { nl: "gevoelige opgeslagen gegevens, met machtiging van de rechter-commissaris", en: "sensitive stored data, with the investigating judge's authorisation" },
  SV_126NG: { nl: "de inhoud van communicatie, met machtiging van de rechter-commissaris", en: "communication content, with the investigating judge's authorisation" },
  SV_126NI: { nl: "alleen bewaren (bevriezen) van gegevens: er wordt niets verstrekt", en: "preservation only: nothing is disclosed" },
  COURT_ORDER: { nl: "wat een rechterlijk bevel vermeldt", en: "what a court order states" },
};

/** "6 maanden", "7 jaar" / "6 months", "7 years". */
export function durationText(months: number, lang: Language): string {
  if (months % 12 !== 0) return lang === "nl" ? `${months} maanden` : `${months} months`;
  const years = months / 12;
  return lang === "nl" ? `${years} jaar` : `${years} year${years === 1 ? "" : "s"}`;
}

/** A retention period in words: "7 jaar na 31 december van het jaar van de factuur". */
export const retentionText = (months: number, anchor: RetentionAnchor, lang: Language): string =>
  `${durationText(months, lang)} ${ANCHOR_LOCAL_TEXT[anchor][lang]}`;

/** A lawful basis with its article: "AVG art. 6(1)(b) (uitvoering van de overeenkomst)". */
export const basisLabel = (basis: LawfulBasis, lang: Language): string => `${ARTICLE_6[basis]} (${BASIS_TEXT[basis][lang]})`;
