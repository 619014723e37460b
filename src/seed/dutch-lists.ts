/**
 * Reference lists for plausible Dutch demo data. Cities are real, with their (approximate) postcode range
 * and telephone area code, so an address, its postcode and a landline number agree with each other the way
 * real records do — a privacy demo is more convincing when the fake data looks like the real thing.
 */
export interface City {
  name: string;
  /** Numeric part of the postcodes used in the city (inclusive range). */
  postcodes: readonly [number, number];
  /** Area code without the trunk 0: '20' for Amsterdam (020), '570' for Deventer (0570). */
  areaCode: string;
  /** Relative population weight. */
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: "Amsterdam", postcodes: [1011, 1109], areaCode: "20", weight: 12 },
  { name: "Rotterdam", postcodes: [3011, 3089], areaCode: "10", weight: 9 },
  { name: "Den Haag", postcodes: [2491, 2597], areaCode: "70", weight: 8 },
  { name: "Utrecht", postcodes: [3511, 3585], areaCode: "30", weight: 6 },
  { name: "Eindhoven", postcodes: [5611, 5658], areaCode: "40", weight: 4 },
  { name: "Groningen", postcodes: [9711, 9747], areaCode: "50", weight: 4 },
  { name: "Tilburg", postcodes: [5011, 5049], areaCode: "13", weight: 3 },
  { name: "Almere", postcodes: [1311, 1364], areaCode: "36", weight: 3 },
  { name: "Breda", postcodes: [4811, 4841], areaCode: "76", weight: 3 },
  { name: "Nijmegen", postcodes: [6511, 6546], areaCode: "24", weight: 3 },
  { name: "Apeldoorn", postcodes: [7311, 7339], areaCode: "55", weight: 2 },
  { name: "Haarlem", postcodes: [2011, 2037], areaCode: "23", weight: 2 },
  { name: "Arnhem", postcodes: [6811, 6846], areaCode: "26", weight: 2 },
  { name: "Enschede", postcodes: [7511, 7548], areaCode: "53", weight: 2 },
  { name: "Amersfoort", postcodes: [3811, 3829], areaCode: "33", weight: 2 },
  { name: "Zaandam", postcodes: [1501, 1509], areaCode: "75", weight: 2 },
  { name: "'s-Hertogenbosch", postcodes: [5211, 5237], areaCode: "73", weight: 2 },
  { name: "Zwolle", postcodes: [8011, 8047], areaCode: "38", weight: 2 },
  { name: "Leiden", postcodes: [2311, 2334], areaCode: "71", weight: 2 },
  { name: "Maastricht", postcodes: [6211, 6229], areaCode: "43", weight: 2 },
  { name: "Dordrecht", postcodes: [3311, 3329], areaCode: "78", weight: 1 },
  { name: "Leeuwarden", postcodes: [8911, 8941], areaCode: "58", weight: 1 },
  { name: "Delft", postcodes: [2611, 2629], areaCode: "15", weight: 1 },
  { name: "Alkmaar", postcodes: [1811, 1826], areaCode: "72", weight: 1 },
  { name: "Deventer", postcodes: [7411, 7431], areaCode: "570", weight: 1 },
  { name: "Hilversum", postcodes: [1211, 1223], areaCode: "35", weight: 1 },
  { name: "Venlo", postcodes: [5911, 5928], areaCode: "77", weight: 1 },
  { name: "Gouda", postcodes: [2801, 2809], areaCode: "182", weight: 1 },
  { name: "Middelburg", postcodes: [4331, 4339], areaCode: "118", weight: 1 },
  { name: "Assen", postcodes: [9401, 9409], areaCode: "592", weight: 1 },
  { name: "Heerlen", postcodes: [6411, 6419], areaCode: "45", weight: 1 },
  { name: "Wageningen", postcodes: [6701, 6709], areaCode: "317", weight: 1 },
  { name: "Emmen", postcodes: [7811, 7825], areaCode: "591", weight: 1 },
];

/** Street names that exist in many Dutch towns. */
export const STREETS: readonly string[] = [
  "Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Schoolstraat", "Julianastraat", "Beatrixlaan",
  "Wilhelminastraat", "Hoofdstraat", "Nieuwstraat", "Marktplein", "Parallelweg", "Eikenlaan", "Beukenlaan",
  "Lindelaan", "Kastanjelaan", "Prins Bernhardlaan", "Oranjestraat", "Irenestraat", "Molenstraat", "Sportlaan",
  "Industrieweg", "Havenstraat", "Burgemeester de Withstraat", "Nassaulaan", "Emmastraat", "Vondelstraat",
  "Rembrandtlaan", "Van Goghstraat", "Tulpstraat", "Rozenstraat", "Zonnebloemstraat", "Merelstraat",
  "Spoorstraat", "Achterweg", "Kanaalweg", "Dijkstraat", "Zeestraat", "Langestraat", "Prinsengracht",
  "Koningin Julianaplein", "Thorbeckestraat", "Van der Palmstraat", "Singel", "Graaf Florislaan", "Breestraat",
];

/** Tussenvoegsels are part of the stored last name ("van der Berg"), as most Dutch systems keep them. */
export const TUSSENVOEGSELS: readonly string[] = ["van", "de", "van der", "van den", "van de", "ter", "ten", "in 't", "op de"];

/** Consumer mail providers common in the Netherlands, roughly by popularity. */
export const EMAIL_DOMAINS: ReadonlyArray<readonly [number, string]> = [
  [20, "gmail.com"], [14, "hotmail.com"], [8, "outlook.com"], [6, "live.nl"], [6, "ziggo.nl"], [5, "kpnmail.nl"],
  [4, "icloud.com"], [3, "planet.nl"], [3, "xs4all.nl"], [2, "home.nl"], [2, "hetnet.nl"], [2, "proton.me"],
  [1, "upcmail.nl"], [1, "telfort.nl"],
];

/** Free-text CRM notes ("other data you give us"): the kind a helpdesk types in. */
export const NOTES: readonly string[] = [
  "Klant wil graag facturen per e-mail.",
  "Belt liever na 17:00.",
  "Heeft gevraagd om geen telefonische verkoop.",
  "Betaalt altijd via iDEAL, geen automatische incasso.",
  "Spreekt liever Engels aan de telefoon.",
  "Zakelijke klant (eenmanszaak), factuur op naam.",
  "Klacht over storing maart afgehandeld, coulance gegeven.",
  "Wil herinnering voor verlenging domeinnamen.",
  "Doorgeschakeld naar tweede lijn voor DNS-vragen.",
  "Nieuw adres doorgegeven via de helpdesk.",
  "Graag contact via e-mail, telefoon wordt niet opgenomen.",
  "Heeft korting gekregen bij overstap van andere provider.",
  "Beheert ook de website van een vereniging.",
  "Verzoek om betalingsregeling, akkoord voor 3 termijnen.",
];

/** Yearly hosting plans, excl. VAT in cents (4.99 … 49.95 a month, billed per year). */
export const PLAN_PRICES_CENTS: readonly number[] = [5988, 8388, 11940, 17988, 23988, 35940, 59940];
