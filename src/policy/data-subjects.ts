import type { LocalText } from "./policy-texts";
import { Purpose } from "./purposes";

/** Categories of data subjects (AVG art. 30(1)(c)): whose data each purpose processes. */
const CUSTOMERS: LocalText = { nl: "klanten", en: "customers" };
const VISITORS: LocalText = { nl: "bezoekers van de website", en: "website visitors" };
const FORMER_CUSTOMERS: LocalText = { nl: "oud-klanten binnen de bewaartermijn", en: "former customers within the retention period" };

export const DATA_SUBJECT_CATEGORIES: Readonly<Record<Purpose, readonly LocalText[]>> = {
  WEBSITE: [CUSTOMERS, VISITORS],
  SERVICE_BILLING: [CUSTOMERS],
  ORDERS: [CUSTOMERS],
  CONTACT: [CUSTOMERS, VISITORS],
  ANALYTICS: [CUSTOMERS, VISITORS],
  IMPROVEMENT: [CUSTOMERS, VISITORS],
  LEGAL_TAX: [CUSTOMERS, FORMER_CUSTOMERS],
  LEGAL_DISCLOSURE: [CUSTOMERS, FORMER_CUSTOMERS, VISITORS],
  DATA_SUBJECT_RIGHTS: [CUSTOMERS, FORMER_CUSTOMERS],
};
