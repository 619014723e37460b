import type { LocalText } from "./policy-texts";

/**
 * The technical and organisational measures (AVG art. 32) the statement and the register name: only what the
 * gateway really does (README), so a promise here is a feature with a test behind it.
 */
export const SECURITY_MEASURES: readonly LocalText[] = [
  {
    nl: "Beveiligde verbindingen (TLS/HTTPS, de opvolger van SSL) tussen u en onze website en naar onze systemen",
    en: "Secured connections (TLS/HTTPS, the successor of SSL) between you and our website and to our systems",
  },
  {
    nl: "Doelbinding: elke medewerker vraagt gegevens op voor één opgegeven doel dat bij zijn rol hoort, en ziet alleen de gegevens die voor dat doel nodig zijn; al het andere is standaard geweigerd",
    en: "Purpose limitation: every staff member requests data for one declared purpose that belongs to their role, and sees only the data that purpose needs; everything else is refused by default",
  },
  {
    nl: "Afscherming: voor analyse worden IP-adressen ingekort, webadressen teruggebracht tot hun route en klantnummers vervangen door pseudoniemen; bestellingen tonen van een IBAN alleen land en laatste vier cijfers",
    en: "Masking: for analysis IP addresses are truncated, web addresses reduced to their route and customer ids replaced by pseudonyms; orders show an IBAN as its country and last four digits only",
  },
  {
    nl: "Wachtwoord-hashes en kaarttokens worden nooit aan iemand getoond",
    en: "Password hashes and card tokens are never shown to anyone",
  },
  {
    nl: "Een auditlogboek van elke opvraging en wijziging, beveiligd met een hashketen zodat achteraf wijzigen opvalt; lukt het vastleggen niet, dan worden geen gegevens verstrekt",
    en: "An audit trail of every read and change, protected by a hash chain so that later tampering shows; if it cannot be written, no data is given out",
  },
  {
    nl: "Bewaartermijnen worden automatisch toegepast: gegevens na hun laatste bewaardag worden verwijderd",
    en: "Retention periods are applied automatically: data past its last day is deleted",
  },
  {
    nl: "Vorderingen van politie en justitie worden getoetst aan de wet en door een tweede persoon goedgekeurd (vier ogen) voordat er iets wordt verstrekt",
    en: "Demands from police and justice are checked against the law and approved by a second person (four eyes) before anything is disclosed",
  },
];
