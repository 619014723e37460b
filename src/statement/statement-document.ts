import { OBJECTABLE_BASIS, PURPOSES, PURPOSE_INFO, WITHDRAWABLE_BASIS, type Purpose } from "../policy/purposes";
import { DATA_CATEGORIES, type DataCategory } from "../policy/categories";
import { PURPOSE_MATRIX } from "../policy/matrix";
import { LEGAL_BASES, LegalDemandBasis } from "../policy/legal-bases";
import { RETENTION_RULES } from "../policy/retention";
import { LEGITIMATE_INTERESTS } from "../policy/legitimate-interests";
import { RECIPIENTS } from "../policy/recipients";
import { SECURITY_MEASURES } from "../policy/security-measures";
import { ANSWER_DAYS, SUBJECT_RIGHTS, SUPERVISORY_AUTHORITY, type SubjectRight } from "../policy/data-subject-rights";
import {
  BASIS_TEXT, CATEGORY_TEXT, LEGAL_BASIS_TEXT, PURPOSE_TEXT, RETENTION_RULE_TEXT, basisLabel, retentionText, type Language, type LocalText,
} from "../policy/policy-texts";
import type { Block, GeneratedDocument } from "./document-blocks";
import { staffRecipientsOf } from "./staff-recipients";

/** Who publishes the statement (config: CONTROLLER_NAME, CONTROLLER_EMAIL, PORTAL_URL). */
export interface Controller {
  name: string;
  email: string;
  portalUrl: string;
}

export interface StatementEdition {
  version: string;
  /** When this version was first published (the gateway's clock at the start-up that stored it). */
  publishedAt: Date;
}

const NUMBER_WORDS: Readonly<Record<Language, readonly string[]>> = {
  nl: ["nul", "een", "twee", "drie", "vier", "vijf", "zes"],
  en: ["zero", "one", "two", "three", "four", "five", "six"],
};

/** The answer term as the 2018 statement promised it: "vier weken" (28 days). */
function answerTermText(lang: Language): string {
  const weeks = ANSWER_DAYS / 7;
  const word = Number.isInteger(weeks) ? NUMBER_WORDS[lang][weeks] : undefined;
  if (word) return lang === "nl" ? `${word} weken (${ANSWER_DAYS} dagen)` : `${word} weeks (${ANSWER_DAYS} days)`;
  return lang === "nl" ? `${ANSWER_DAYS} dagen` : `${ANSWER_DAYS} days`;
}

const basesOf = (purpose: Purpose, lang: Language): string => PURPOSE_INFO[purpose].lawfulBases.map((b) => basisLabel(b, lang)).join("; ");

/** The categories a purpose processes, each marked when it rests on consent or legitimate interest. */
export function categoriesOf(purpose: Purpose, lang: Language): string[] {
  return DATA_CATEGORIES.filter((c) => PURPOSE_MATRIX[purpose][c]).map((c) => {
    const basis = PURPOSE_MATRIX[purpose][c]!.basis;
    const mark = basis === WITHDRAWABLE_BASIS || basis === OBJECTABLE_BASIS ? ` (${BASIS_TEXT[basis][lang]})` : "";
    return `${CATEGORY_TEXT[c][lang]}${mark}`;
  });
}

const date = (d: Date, lang: Language) =>
  new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }).format(d);

/** The privacy statement (AVG art. 13/14) in one language, from the policy and the controller's details. */
export function statementDocument(lang: Language, controller: Controller, edition: StatementEdition): GeneratedDocument {
  const L = (t: LocalText) => t[lang];
  const nl = lang === "nl";
  const blocks: Block[] = [];
  const h2 = (text: string) => blocks.push({ kind: "h2", text });
  const p = (text: string) => blocks.push({ kind: "p", text });
  const title = nl ? "Privacyverklaring" : "Privacy statement";

  blocks.push({ kind: "h1", text: title });
  p(nl ? `Versie ${edition.version}, gepubliceerd op ${date(edition.publishedAt, lang)}.` : `Version ${edition.version}, published on ${date(edition.publishedAt, lang)}.`);
  p(nl
    ? `Dit is de privacyverklaring van ${controller.name} en onderliggende handelsnamen. Uw privacy is voor ons van groot belang. Wij houden ons aan de privacywet (de Algemene verordening gegevensbescherming, AVG). In deze privacyverklaring leggen wij uit wat wij met uw persoonsgegevens doen, waarom, op welke grondslag, met wie wij ze delen en hoe lang wij ze bewaren. Deze tekst wordt gemaakt uit de regels die onze systemen zelf toepassen.`
    : `This is the privacy statement of ${controller.name} and its trade names. Your privacy matters to us. We comply with the privacy law (the General Data Protection Regulation, GDPR). This statement explains what we do with your personal data, why, on which lawful basis, with whom we share it and how long we keep it. It is generated from the rules our systems apply.`);
  p(nl ? `Verwerkingsverantwoordelijke: ${controller.name}, bereikbaar via ${controller.email}.` : `Controller: ${controller.name}, reachable at ${controller.email}.`);

  h2(nl ? "Persoonsgegevens die wij verwerken" : "Personal data we process");
  p(nl
    ? "Bij het bezoeken van onze website, het bestellen of gebruik maken van een dienst, het invullen van het contactformulier of andere functies van onze website laat u gegevens achter. Wij verwerken deze soorten persoonsgegevens:"
    : "When you visit our website, order or use a service, fill in the contact form or use other functions of our website, you leave data with us. We process these kinds of personal data:");
  blocks.push({ kind: "ul", items: DATA_CATEGORIES.map((c: DataCategory) => L(CATEGORY_TEXT[c])) });

  h2(nl ? "Doelen en grondslagen" : "Purposes and lawful bases");
  p(nl
    ? "Wij gebruiken uw gegevens alleen voor de volgende doelen, elk op een grondslag uit artikel 6 lid 1 AVG. Wij verwerken ook persoonsgegevens als wij hier wettelijk toe verplicht zijn, zoals gegevens die wij nodig hebben voor onze belastingaangifte."
    : "We use your data only for the following purposes, each on a lawful basis of GDPR article 6(1). We also process personal data when the law obliges us to, such as the data we need for our tax return.");
  blocks.push({
    kind: "table",
    head: nl ? ["Doel", "Grondslag", "Gegevens"] : ["Purpose", "Lawful basis", "Data"],
    rows: PURPOSES.map((pu) => [L(PURPOSE_TEXT[pu]), basesOf(pu, lang), categoriesOf(pu, lang).join("; ") || (nl ? "alleen via een goedgekeurde vordering (zie hieronder)" : "only through an approved demand (see below)")]),
  });
  const interests = PURPOSES.filter((pu) => LEGITIMATE_INTERESTS[pu]);
  p(nl
    ? "Waar wij ons op een gerechtvaardigd belang (AVG art. 6(1)(f)) beroepen, is dat belang het volgende. U kunt daartegen altijd bezwaar maken (zie Uw rechten):"
    : "Where we rely on a legitimate interest (GDPR art. 6(1)(f)), that interest is the following. You may always object to it (see Your rights):");
  blocks.push({ kind: "ul", items: interests.map((pu) => `${L(PURPOSE_TEXT[pu])}: ${L(LEGITIMATE_INTERESTS[pu]!)}`) });

  h2(nl ? "Ontvangers en verwerkers" : "Recipients and processors");
  p(nl
    ? "Wij delen uw persoonsgegevens alleen met andere bedrijven of instellingen als dat nodig is voor het uitvoeren van de overeenkomst met u of als wij dat wettelijk verplicht zijn. Binnen ons bedrijf ziet een medewerker alleen de gegevens van het doel waarvoor hij werkt. Wij verkopen uw gegevens niet."
    : "We share your personal data with other companies or bodies only when that is needed to perform our contract with you or when the law obliges us to. Inside our company, a staff member sees only the data of the purpose they work for. We do not sell your data.");
  blocks.push({
    kind: "table",
    head: nl ? ["Ontvanger", "Doelen", "Wanneer en wat"] : ["Recipient", "Purposes", "When and what"],
    rows: [
      ...staffRecipientsOf(lang).map((r) => [r.name, r.purposes.map((pu) => L(PURPOSE_TEXT[pu])).join("; "), nl ? "medewerkers van ons bedrijf" : "our own staff"]),
      ...RECIPIENTS.map((r) => [L(r.name), r.purposes.map((pu) => L(PURPOSE_TEXT[pu])).join("; "), L(r.terms)]),
    ],
  });
  const transfers = RECIPIENTS.filter((r) => r.transferOutsideEu);
  h2(nl ? "Doorgifte buiten de Europese Unie" : "Transfers outside the European Union");
  blocks.push({
    kind: "ul",
    items: transfers.map((r) => `${L(r.name)} — ${L(r.transferOutsideEu!.country)}: ${L(r.transferOutsideEu!.safeguards)}`),
  });

  h2(nl ? "Verstrekking aan politie en justitie" : "Disclosure to police and justice");
  p(nl
    ? "Wij verstrekken gegevens aan politie of justitie alleen als zij dat rechtmatig vorderen, bijvoorbeeld bij een vermoeden van een misdrijf, en alleen onder deze artikelen van het Wetboek van Strafvordering (Sv) of op een rechterlijk bevel. Elke vordering noemt één persoon, wordt getoetst en door een tweede persoon goedgekeurd; wij verstrekken niet meer dan het artikel toestaat."
    : "We give data to police or justice only on a lawful demand, for example on suspicion of a crime, and only under these articles of the Dutch Code of Criminal Procedure (Sv) or on a court order. Each demand names one person, is checked and approved by a second person; we disclose no more than the article allows.");
  blocks.push({
    kind: "ul",
    items: (Object.keys(LEGAL_BASES) as LegalDemandBasis[]).map((b) => `${b === LegalDemandBasis.COURT_ORDER ? (nl ? "rechterlijk bevel" : "court order") : LEGAL_BASES[b].article}: ${L(LEGAL_BASIS_TEXT[b])}`),
  });

  h2(nl ? "Bewaartermijnen" : "Retention periods");
  p(nl
    ? "Wij bewaren uw gegevens niet langer dan strikt noodzakelijk is om de doelen te bereiken waarvoor ze worden verwerkt. Na de bewaartermijn worden de gegevens automatisch verwijderd. Alleen een wettelijke bewaarplicht of een rechtmatige vordering kan een gegeven langer laten bewaren, en dan alleen daarvoor."
    : "We keep your data no longer than strictly necessary for the purposes it is processed for. After the retention period the data is deleted automatically. Only a legal retention duty or a lawful demand can keep a record longer, and then only for that.");
  blocks.push({
    kind: "table",
    head: nl ? ["Gegevens", "Soorten", "Bewaartermijn", "Reden"] : ["Data", "Kinds", "Kept", "Reason"],
    rows: RETENTION_RULES.map((r) => [
      L(RETENTION_RULE_TEXT[r.id].appliesTo),
      r.categories.map((c) => L(CATEGORY_TEXT[c])).join("; ") || (nl ? "onze eigen vastlegging" : "our own records"),
      retentionText(r.months, r.anchor, lang),
      L(RETENTION_RULE_TEXT[r.id].reason),
    ]),
  });

  h2(nl ? "Beveiliging van persoonsgegevens" : "Security of personal data");
  p(nl
    ? "Wij nemen de bescherming van uw gegevens uiterst serieus en nemen passende maatregelen om misbruik, verlies, onbevoegde toegang, ongewenste openbaarmaking en ongeoorloofde wijziging tegen te gaan:"
    : "We take the protection of your data very seriously and take appropriate measures against misuse, loss, unauthorised access, unwanted disclosure and unauthorised change:");
  blocks.push({ kind: "ul", items: SECURITY_MEASURES.map(L) });

  h2(nl ? "Uw rechten" : "Your rights");
  blocks.push({
    kind: "table",
    head: nl ? ["Recht", "Artikel", "Op uw persoonlijke pagina kunt u"] : ["Right", "Article", "On your personal page you can"],
    rows: (Object.keys(SUBJECT_RIGHTS) as SubjectRight[]).map((r) => [L(SUBJECT_RIGHTS[r].name), SUBJECT_RIGHTS[r].article, L(SUBJECT_RIGHTS[r].inPortal)]),
  });
  h2(nl ? "Hoe u uw rechten uitoefent" : "How to exercise your rights");
  p(nl
    ? `Het snelst doet u dit zelf via uw persoonlijke pagina op onze website: ${controller.portalUrl}. Daar bent u al ingelogd, dus vragen wij geen kopie van uw identiteitsbewijs.`
    : `The quickest way is your personal page on our website: ${controller.portalUrl}. You are logged in there, so we do not ask for a copy of your identity document.`);
  p(nl
    ? `U kunt ook een gespecificeerd verzoek sturen naar ${controller.email}. Wij controleren dan uw identiteit met een bevestigingsmail naar het e-mailadres dat bij ons bekend is; ook dan vragen wij geen kopie van uw identiteitsbewijs. Alleen als wij uw identiteit op geen andere manier kunnen vaststellen, vragen wij u een identiteitsbewijs te laten zien met uw pasfoto, MRZ (de strook met nummers onderaan het paspoort), documentnummer en Burgerservicenummer (BSN) afgeschermd; wij bewaren daarvan geen kopie.`
    : `You can also send a specified request to ${controller.email}. We then check your identity with a confirmation e-mail to the address we hold for you; we do not ask for a copy of your identity document then either. Only when we cannot establish your identity in any other way do we ask you to show an identity document with your photo, MRZ (the machine-readable zone), document number and citizen service number (BSN) covered; we keep no copy of it.`);
  p(nl
    ? `Wij reageren zo snel mogelijk, maar in ieder geval binnen ${answerTermText(lang)}, op uw verzoek. Wat u op uw persoonlijke pagina doet, geldt direct.`
    : `We answer your request as soon as possible, and in any case within ${answerTermText(lang)}. What you do on your personal page takes effect at once.`);

  h2(nl ? "Klacht bij de Autoriteit Persoonsgegevens" : "Complaints to the Autoriteit Persoonsgegevens");
  p(nl
    ? `U heeft het recht een klacht in te dienen bij de nationale toezichthouder, de ${SUPERVISORY_AUTHORITY.name} (${SUPERVISORY_AUTHORITY.website}, ${SUPERVISORY_AUTHORITY.postalAddress}). Wij horen het graag eerst van u, maar dat is niet nodig.`
    : `You have the right to complain to the national supervisory authority, the ${SUPERVISORY_AUTHORITY.name} (Dutch Data Protection Authority; ${SUPERVISORY_AUTHORITY.website}, ${SUPERVISORY_AUTHORITY.postalAddress}). We would like to hear from you first, but you need not.`);

  h2(nl ? "Contactgegevens" : "Contact");
  p(nl
    ? `Mocht u nog vragen hebben, dan kunt u contact opnemen via ${controller.email}.`
    : `If you have questions, contact us at ${controller.email}.`);

  h2(nl ? "Wijzigingen in deze privacyverklaring" : "Changes to this privacy statement");
  p(nl
    ? `Deze privacyverklaring kan worden gewijzigd. Elke wijziging van onze regels krijgt een nieuw versienummer en wordt op deze pagina bekendgemaakt. Geeft of trekt u een toestemming in, of maakt u bezwaar, dan leggen wij het versienummer vast van de verklaring die toen gold (nu ${edition.version}).`
    : `This privacy statement may change. Every change of our rules gets a new version number and is announced on this page. When you give or withdraw a consent or object, we record the version of the statement in force then (now ${edition.version}).`);
  return { lang, title, blocks };
}
