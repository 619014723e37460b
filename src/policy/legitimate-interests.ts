import type { LocalText } from "./policy-texts";
import type { Purpose } from "./purposes";

/**
 * The legitimate interest (AVG art. 6(1)(f)) each purpose with an (f) basis rests on, named as art. 13(1)(d)
 * requires. A test fails when a purpose has an (f) cell or basis and no interest here; an objection
 * (art. 21) ends the (f) cells of that purpose for the subject.
 */
export const LEGITIMATE_INTERESTS: Readonly<Partial<Record<Purpose, LocalText>>> = {
  WEBSITE: {
    nl: "het beveiligen van onze website en uw account: misbruik en inbraakpogingen herkennen aan inloggebeurtenissen en IP-adressen",
    en: "securing our website and your account: recognising misuse and break-in attempts from login events and IP addresses",
  },
  CONTACT: {
    nl: "u kunnen antwoorden en bereiken over uw diensten wanneer u ons daarom vraagt",
    en: "being able to answer and reach you about your services when you ask us to",
  },
  ANALYTICS: {
    nl: "inzicht in hoe onze website wordt gebruikt, zodat die werkt en bruikbaar blijft (zonder namen, met ingekorte IP-adressen)",
    en: "insight into how our website is used, so that it keeps working and stays usable (no names, truncated IP addresses)",
  },
  IMPROVEMENT: {
    nl: "het verbeteren van onze website en diensten op basis van gebruik, zonder namen en met ingekorte IP-adressen",
    en: "improving our website and services from their use, without names and with truncated IP addresses",
  },
};
