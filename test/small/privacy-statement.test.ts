import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { statementDocument, type Controller } from "../../src/statement/statement-document";
import { renderHtml, renderMarkdown } from "../../src/statement/document-render";
import { DATA_CATEGORIES } from "../../src/policy/categories";
import { PURPOSES, PURPOSE_INFO, LawfulBasis, ARTICLE_6 } from "../../src/policy/purposes";
import { PURPOSE_MATRIX } from "../../src/policy/matrix";
import { RETENTION_RULES } from "../../src/policy/retention";
import { LEGAL_BASES } from "../../src/policy/legal-bases";
import { LEGITIMATE_INTERESTS } from "../../src/policy/legitimate-interests";
import { RECIPIENTS } from "../../src/policy/recipients";
import { SECURITY_MEASURES } from "../../src/policy/security-measures";
import { ANSWER_DAYS, SUBJECT_RIGHTS, SUPERVISORY_AUTHORITY } from "../../src/policy/data-subject-rights";
import { CATEGORY_TEXT, durationText, LANGUAGES, PURPOSE_TEXT, RETENTION_RULE_TEXT } from "../../src/policy/policy-texts";
import { ROLES, ROLE_GRANTS, isStaffRole } from "../../src/policy/roles";
import { ROLE_TEXT } from "../../src/policy/policy-texts";
import { DUE_DAYS } from "../../src/rights/requests/rights-request";

const controller: Controller = { name: "Cocomo Webbeheer", email: "support@cocomohosting.nl", portalUrl: "/portal" };
// A fixed edition: the statement's text depends only on it, never on today's date (no clock involved).
const edition = { version: "test-version", publishedAt: new Date("2026-12-06T09:00:00Z") };
const markdown = (lang: "nl" | "en") => renderMarkdown(statementDocument(lang, controller, edition));
const plain = (lang: "nl" | "en") => statementDocument(lang, controller, edition).blocks
  .flatMap((b) => (b.kind === "ul" ? b.items : b.kind === "table" ? [...b.head, ...b.rows.flat()] : [b.text])).join("\n");

/**
 * Every promise of the 2018 statement (docs/privacyverklaring-2018.txt, the published text, kept in the repository) → what the generated Dutch
 * statement must say to keep it. The phrase is looked up in the text (headings, paragraphs, lists, tables).
 */
const PROMISES_2018: readonly [promise: string, mustSay: readonly string[]][] = [
  ["Dit is de privacyverklaring van Cocomo Webbeheer en onderliggende handelsnamen", ["privacyverklaring van Cocomo Webbeheer en onderliggende handelsnamen"]],
  ["Wij houden ons dan ook aan de privacywet", ["Wij houden ons aan de privacywet"]],
  ["Persoonsgegevens die wij verwerken", ["Persoonsgegevens die wij verwerken"]],
  ["NAW-gegevens", ["NAW-gegevens: naam", "NAW-gegevens: adres"]],
  ["Geslacht", ["Geslacht"]],
  ["Telefoonnummer", ["Telefoonnummer"]],
  ["E-mailadres", ["E-mailadres"]],
  ["Inloggegevens", ["Inloggegevens"]],
  ["Betaalgegevens", ["Betaalgegevens"]],
  ["IP-adres", ["IP-adres"]],
  ["Overige gegevens die u aan ons verstrekt", ["Overige gegevens die u aan ons verstrekt"]],
  ["Het gebruikmaken van onze website", ["Het gebruikmaken van onze website"]],
  ["Het verlenen en factureren van onze diensten", ["Het verlenen en factureren van onze diensten"]],
  ["Het afhandelen van uw bestellingen en het informeren over het verloop daarvan", ["Het afhandelen van uw bestellingen en het informeren over het verloop daarvan"]],
  ["Het opnemen van contact als hierom wordt gevraagd", ["Het opnemen van contact als hierom wordt gevraagd"]],
  ["Het verkrijgen van inzicht in het gebruik van onze website", ["Het verkrijgen van inzicht in het gebruik van onze website"]],
  ["Het verbeteren van onze website en aangeboden diensten", ["Het verbeteren van onze website en aangeboden diensten"]],
  ["gegevens die wij nodig hebben voor onze belastingaangifte", ["gegevens die wij nodig hebben voor onze belastingaangifte"]],
  ["passende maatregelen om misbruik, verlies, onbevoegde toegang, ongewenste openbaarmaking en ongeoorloofde wijziging tegen te gaan", ["passende maatregelen om misbruik, verlies, onbevoegde toegang, ongewenste openbaarmaking en ongeoorloofde wijziging tegen te gaan"]],
  ["beveiligde verbindingen via SSL", ["Beveiligde verbindingen (TLS/HTTPS, de opvolger van SSL)"]],
  ["niet langer dan strikt noodzakelijk", ["niet langer dan strikt noodzakelijk"]],
  ["de wettelijke bewaartermijn van 7 jaar (belastingwetgeving)", ["7 jaar", "belastingwetgeving"]],
  ["De overige gegevens bewaren wij nog 6 maanden nadat u de overeenkomst heeft opgezegd", ["6 maanden na het einde van de overeenkomst"]],
  ["inzien, corrigeren of verwijderen via uw persoonlijke pagina op onze website", ["Recht op inzage", "Recht op rectificatie (corrigeren)", "Recht op verwijdering", "uw persoonlijke pagina op onze website: /portal"]],
  ["toestemming intrekken of bezwaar maken", ["Recht om uw toestemming in te trekken", "Recht van bezwaar"]],
  ["een gespecificeerd verzoek naar support@cocomohosting.nl", ["een gespecificeerd verzoek sturen naar support@cocomohosting.nl"]],
  ["pasfoto, MRZ, paspoortnummer en BSN zwart (alleen nog als er geen andere manier is)", ["pasfoto, MRZ", "Burgerservicenummer (BSN) afgeschermd"]],
  ["binnen vier weken op uw verzoek reageren", ["in ieder geval binnen vier weken"]],
  ["een klacht indienen bij de nationale toezichthouder, de Autoriteit Persoonsgegevens", ["klacht in te dienen bij de nationale toezichthouder, de Autoriteit Persoonsgegevens"]],
  ["alleen delen als dat nodig is voor de overeenkomst of als wij dat wettelijk verplicht zijn", ["alleen met andere bedrijven of instellingen als dat nodig is voor het uitvoeren van de overeenkomst met u of als wij dat wettelijk verplicht zijn"]],
  ["bijvoorbeeld als de politie dat eist bij een vermoeden van een misdrijf", ["bij een vermoeden van een misdrijf"]],
  ["Google Analytics, verwerkersovereenkomst", ["Google (Google Analytics)", "verwerkersovereenkomst"]],
  ["Google niet toegestaan de Analytics informatie voor andere Google diensten te gebruiken", ["niet voor andere Google-diensten gebruiken"]],
  ["Wij laten Google de IP-adressen anonimiseren", ["Google anonimiseert uw IP-adres"]],
  ["contact via support@cocomohosting.nl", ["contact opnemen via support@cocomohosting.nl"]],
  ["Wijzigingen worden bekendgemaakt op deze pagina", ["wordt op deze pagina bekendgemaakt"]],
];

describe("the generated privacy statement keeps every promise of the 2018 statement", () => {
  const text = plain("nl");
  test("the 2018 statement is the one this table was written from", () => {
    const seed = readFileSync(path.resolve(__dirname, "../../../docs/privacyverklaring-2018.txt"), "utf8").replace(/\s+/gu, " ");
    for (const phrase of ["06-05-2018", "uw persoonlijke pagina op onze website", "binnen vier weken", "Autoriteit Persoonsgegevens", "Google Analytics"]) {
      assert.ok(seed.includes(phrase), phrase);
    }
  });
  for (const [promise, phrases] of PROMISES_2018) {
    test(`2018: "${promise}"`, () => {
      for (const p of phrases) assert.ok(text.includes(p), `the statement says "${p}"`);
    });
  }
});

describe("and closes its gaps", () => {
  const text = plain("nl");
  test("every purpose with each of its lawful bases, and the interest of each (f) purpose", () => {
    for (const p of PURPOSES) {
      assert.ok(text.includes(PURPOSE_TEXT[p].nl), p);
      for (const b of PURPOSE_INFO[p].lawfulBases) assert.ok(text.includes(ARTICLE_6[b]), `${p} ${b}`);
      if (PURPOSE_INFO[p].lawfulBases.includes(LawfulBasis.LEGITIMATE_INTEREST)) assert.ok(text.includes(LEGITIMATE_INTERESTS[p]!.nl), `interest of ${p}`);
    }
  });
  test("restriction, portability and objection are rights the statement explains", () => {
    for (const r of ["Recht op beperking van de verwerking", "Recht op overdraagbaarheid van gegevens", "Recht van bezwaar", "AVG art. 18", "AVG art. 20", "AVG art. 21"]) assert.ok(text.includes(r), r);
  });
  test("recipients are named: staff roles, the Belastingdienst, police and justice, Google as processor outside the EU", () => {
    for (const r of ["Belastingdienst", "Politie en justitie", "Google (Google Analytics)", "Verenigde Staten", "medewerkers klantenservice"]) assert.ok(text.includes(r), r);
  });
  test("the IP-log retention is stated", () => {
    assert.ok(text.includes("Inloggebeurtenissen en weblogs, met de IP-adressen daarin"));
    assert.ok(text.includes("6 maanden nadat het gegeven is vastgelegd (doorlopend)"));
  });
  test("no ID copy is demanded: the portal and e-mail both do without, as the AP decided in 2022", () => {
    assert.ok(!text.includes("kopie van uw identiteitsbewijs bij het verzoek mee te sturen"));
    assert.equal(text.match(/vragen wij geen kopie van uw identiteitsbewijs/g)?.length, 2, "portal and e-mail");
    assert.ok(text.includes("bevestigingsmail"));
    assert.ok(text.includes("wij bewaren daarvan geen kopie"));
  });
  test("police and justice only under the Sv articles of the policy", () => {
    for (const rule of Object.values(LEGAL_BASES)) if (rule.article.startsWith("Sv")) assert.ok(text.includes(rule.article), rule.article);
    assert.ok(text.includes("Wetboek van Strafvordering"));
  });
  test("the answer term is the rights requests' deadline", () => {
    assert.equal(ANSWER_DAYS, DUE_DAYS);
    assert.ok(text.includes(`(${ANSWER_DAYS} dagen)`));
  });
});

describe("nothing of the policy is missing from the statement, in either language (Fides-style)", () => {
  for (const lang of LANGUAGES) {
    test(lang, () => {
      const text = plain(lang);
      for (const p of PURPOSES) assert.ok(text.includes(PURPOSE_TEXT[p][lang]), p);
      for (const c of DATA_CATEGORIES) assert.ok(text.includes(CATEGORY_TEXT[c][lang]), c);
      for (const r of RETENTION_RULES) {
        assert.ok(RETENTION_RULE_TEXT[r.id], `rule ${r.id} has its words`);
        assert.ok(text.includes(RETENTION_RULE_TEXT[r.id].appliesTo[lang]), r.id);
        assert.ok(text.includes(durationText(r.months, lang)), `${r.id} duration`);
      }
      for (const r of Object.values(SUBJECT_RIGHTS)) assert.ok(text.includes(r.name[lang]) && text.includes(r.article), r.article);
      for (const r of RECIPIENTS) assert.ok(text.includes(r.name[lang]) && text.includes(r.terms[lang]), r.id);
      for (const role of ROLES) if (isStaffRole(role) && ROLE_GRANTS[role].purposes.length) assert.ok(text.includes(ROLE_TEXT[role][lang]), role);
      for (const m of SECURITY_MEASURES) assert.ok(text.includes(m[lang]));
      assert.ok(text.includes(SUPERVISORY_AUTHORITY.name));
      assert.ok(text.includes(edition.version) && text.includes("2026"), "version and date");
      assert.ok(text.includes(controller.email) && text.includes(controller.portalUrl));
    });
  }
  test("every purpose with an (f) cell or basis names its legitimate interest", () => {
    for (const p of PURPOSES) {
      const f = PURPOSE_INFO[p].lawfulBases.includes(LawfulBasis.LEGITIMATE_INTEREST) ||
        Object.values(PURPOSE_MATRIX[p]).some((c) => c?.basis === LawfulBasis.LEGITIMATE_INTEREST);
      assert.equal(Boolean(LEGITIMATE_INTERESTS[p]), f, p);
    }
  });
});

describe("the HTML is self-contained and escaped", () => {
  test("lang attribute, headings, inline CSS, no script, no external URL", () => {
    for (const lang of LANGUAGES) {
      const html = renderHtml(statementDocument(lang, controller, edition));
      assert.match(html, new RegExp(`<html lang="${lang}">`));
      assert.match(html, /<h1>/);
      assert.ok((html.match(/<h2>/g) ?? []).length >= 8);
      assert.match(html, /<style>/);
      assert.doesNotMatch(html, /<script|<link|<img|src=|href=|url\(|https?:\/\//i);
    }
  });
  test("a controller name with markup is shown as text", () => {
    const html = renderHtml(statementDocument("nl", { ...controller, name: `<script>alert("x")</script> & Co` }, edition));
    assert.doesNotMatch(html, /<script/);
    assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
    const md = renderMarkdown(statementDocument("nl", { ...controller, name: "A|B <b>" }, edition));
    assert.ok(md.includes("A\\|B \\<b\\>"));
  });
  test("the Markdown has the same sections", () => {
    const md = markdown("nl");
    assert.match(md, /^# Privacyverklaring/);
    for (const h of ["## Doelen en grondslagen", "## Ontvangers en verwerkers", "## Bewaartermijnen", "## Uw rechten", "## Klacht bij de Autoriteit Persoonsgegevens"]) assert.ok(md.includes(h), h);
  });
});
