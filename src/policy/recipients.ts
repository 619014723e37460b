import type { LocalText } from "./policy-texts";
import { Purpose } from "./purposes";

/**
 * Who outside the company's own staff receives personal data, and on what terms (AVG art. 13(1)(e)-(f), 30(1)(d)-(e)).
 * The company's own people per purpose are not listed here: they are the roles that may declare the purpose
 * (roles.ts, ROLE_GRANTS), so a role that gains a purpose appears in the statement and the register by itself.
 */
export enum RecipientKind {
  /** A government body the law obliges the company to give data to. */
  AUTHORITY = "AUTHORITY",
  /** A processor (art. 28) working on the company's instructions under a processing agreement. */
  PROCESSOR = "PROCESSOR",
}

export interface TransferOutsideEu {
  /** Where the data goes. */
  country: LocalText;
  /** The art. 44-49 ground and the extra measures. */
  safeguards: LocalText;
}

export interface Recipient {
  id: string;
  name: LocalText;
  kind: RecipientKind;
  purposes: readonly Purpose[];
  /** When and what it receives. */
  terms: LocalText;
  /** Set when data leaves the EU/EEA (art. 13(1)(f), 30(1)(e)); absent: processed inside the EU only. */
  transferOutsideEu?: TransferOutsideEu;
}

export const RECIPIENTS: readonly Recipient[] = [
  {
    id: "belastingdienst",
    name: { nl: "Belastingdienst", en: "Belastingdienst (Dutch Tax Administration)" },
    kind: RecipientKind.AUTHORITY,
    purposes: [Purpose.LEGAL_TAX],
    terms: {
      nl: "alleen de fiscale administratie (facturen, betalingen, naam, adres en e-mailadres) en alleen wanneer de belastingwetgeving ons daartoe verplicht",
      en: "only the tax records (invoices, payments, name, address and e-mail address), and only when tax law obliges us to",
    },
  },
  {
    id: "police-justice",
    name: { nl: "Politie en justitie", en: "Police and justice" },
    kind: RecipientKind.AUTHORITY,
    purposes: [Purpose.LEGAL_DISCLOSURE],
    terms: {
      nl: "alleen op een rechtmatige vordering onder de artikelen van het Wetboek van Strafvordering hieronder, na toetsing en goedkeuring door onze privacyfunctionaris, en alleen de gegevens die het artikel toestaat",
      en: "only on a lawful demand under the articles of the Code of Criminal Procedure below, after review and approval by our privacy officer, and only the data the article allows",
    },
  },
  {
    id: "google-analytics",
    name: { nl: "Google (Google Analytics)", en: "Google (Google Analytics)" },
    kind: RecipientKind.PROCESSOR,
    purposes: [Purpose.ANALYTICS],
    terms: {
      nl: "als verwerker onder een verwerkersovereenkomst; Google anonimiseert uw IP-adres (ingekort) en mag de Analytics-informatie niet voor andere Google-diensten gebruiken",
      en: "as a processor under a processing agreement; Google anonymises your IP address (truncated) and may not use the Analytics information for other Google services",
    },
    transferOutsideEu: {
      country: { nl: "Verenigde Staten", en: "United States" },
      safeguards: {
        nl: "EU-VS Data Privacy Framework (adequaatheidsbesluit) en de standaardcontractbepalingen van de Europese Commissie; IP-adressen worden ingekort vóór opslag",
        en: "EU-US Data Privacy Framework (adequacy decision) and the European Commission's standard contractual clauses; IP addresses are truncated before storage",
      },
    },
  },
];

export const recipientsOf = (purpose: Purpose): Recipient[] => RECIPIENTS.filter((r) => r.purposes.includes(purpose));
