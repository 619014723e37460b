import { DATA_CATEGORIES } from "./categories";
import { PURPOSE_MATRIX } from "./matrix";
import { ARTICLE_6, LawfulBasis, PURPOSE_INFO, PURPOSES } from "./purposes";
import { MASKS } from "./masking";
import { ROLE_GRANTS, ROLES } from "./roles";
import { DEMAND_REFUSAL_TEXT, LEGAL_BASES, LegalDemandBasis, TIME_RANGE_CATEGORIES } from "./legal-bases";
import { FISCAL_HOLD_BASIS, LITIGATION_HOLD_BASIS, LITIGATION_HOLD_MAX_MONTHS, RETENTION_RULES, RetentionAnchor } from "./retention";

/** What each retention anchor counts from, in the README's words. */
const ANCHOR_TEXT: Readonly<Record<RetentionAnchor, string>> = {
  [RetentionAnchor.CONTRACT_END]: "after the contract ends",
  [RetentionAnchor.RECORD_TIME]: "after the record was made (rolling)",
  [RetentionAnchor.END_OF_INVOICE_YEAR]: "after 31 December of the invoice's year",
  [RetentionAnchor.CLOSURE]: "after closure",
};

const duration = (months: number) => (months % 12 === 0 ? `${months / 12} year${months === 12 ? "" : "s"}` : `${months} months`);

/**
 * The policy tables as Markdown, rendered from the data (README "Purposes and roles" is this text, and a
 * test fails when the README and the policy disagree: `npm run policy:readme` rewrites it).
 */
export function renderPolicyTables(): string {
  const mark = (b: LawfulBasis) => (b === LawfulBasis.CONSENT ? " (c)" : b === LawfulBasis.LEGITIMATE_INTEREST ? " (f)" : "");
  const roles = [
    "| role | may declare (x-purpose) | also |",
    "|---|---|---|",
    ...ROLES.map((r) => {
      const g = ROLE_GRANTS[r];
      const also = [g.ownSubjectOnly ? "own subject only" : "", g.impliedPurpose ? `purpose implied: ${g.impliedPurpose}` : "", ...g.capabilities].filter(Boolean);
      return `| ${r} | ${g.purposes.join(", ")} | ${also.join("; ")} |`;
    }),
  ];
  const matrix = [
    `| purpose | lawful basis | ${DATA_CATEGORIES.join(" | ")} |`,
    `|---|---|${DATA_CATEGORIES.map(() => "---").join("|")}|`,
    ...PURPOSES.map((p) => {
      const cells = DATA_CATEGORIES.map((c) => {
        const cell = PURPOSE_MATRIX[p][c];
        if (!cell) return "–";
        return `${cell.access === "ALLOW" ? "A" : `M ${cell.mask}`}${mark(cell.basis)}`;
      });
      return `| ${p} | ${PURPOSE_INFO[p].lawfulBases.map((b) => ARTICLE_6[b]).join(", ")} | ${cells.join(" | ")} |`;
    }),
  ];
  const masks = ["| mask | shows |", "|---|---|", ...Object.entries(MASKS).map(([name, m]) => `| ${name} | ${m.description} |`)];
  const everyCategory = (cs: readonly string[]) => (cs.length === DATA_CATEGORIES.length ? "any" : cs.join(", "));
  const legal = [
    "| basis | article | covers | issuer at least | categories | oral demand | also |",
    "|---|---|---|---|---|---|---|",
    ...Object.entries(LEGAL_BASES).map(([basis, r]) => {
      const also = [
        r.authorisationRequired ? "authorisation reference required" : "",
        r.futureWindowMaxDays ? `window of at most ${r.futureWindowMaxDays} days` : "",
        r.preservationMaxDays ? `preservation hold of at most ${r.preservationMaxDays} days` : "",
        r.confidentialByDefault ? "confidential until lifted" : "",
      ].filter(Boolean);
      const oral = r.oralWrittenCopyDays === null ? "refused" : `written copy within ${r.oralWrittenCopyDays} days`;
      return `| ${basis} | ${r.article} | ${r.covers} | ${r.minimumIssuer} | ${everyCategory(r.categories)} | ${oral} | ${also.join("; ") || "–"} |`;
    }),
  ];
  const retention = [
    "| rule | applies to | categories | kept | reason |",
    "|---|---|---|---|---|",
    ...RETENTION_RULES.map((r) => `| ${r.id} | ${r.appliesTo} | ${r.categories.join(", ") || "(the gateway's own records)"} | ${duration(r.months)} ${ANCHOR_TEXT[r.anchor]} | ${r.reason} |`),
  ];
  const holds = [
    "| hold | basis | lasts | placed by |",
    "|---|---|---|---|",
    `| FISCAL | ${FISCAL_HOLD_BASIS} | to the end of the fiscal rule | an erasure or a contract-end retirement, on invoices and payments still inside fiscal retention |`,
    `| PRESERVATION | ${LEGAL_BASES[LegalDemandBasis.SV_126NI].article} | at most ${LEGAL_BASES[LegalDemandBasis.SV_126NI].preservationMaxDays} days | approving a preservation order |`,
    `| LITIGATION | ${LITIGATION_HOLD_BASIS} | at most ${duration(LITIGATION_HOLD_MAX_MONTHS)}, then placed again | the privacy officer (\`placeLegalHold\`) |`,
  ];
  const refusals = ["| refusal | meaning |", "|---|---|", ...Object.entries(DEMAND_REFUSAL_TEXT).map(([code, text]) => `| ${code} | ${text} |`)];
  return [
    "Roles and the purposes they may declare:",
    "",
    ...roles,
    "",
    "Purpose × category (A allowed, M masked, – denied; (c) ends when consent is withdrawn, (f) when the subject objects):",
    "",
    ...matrix,
    "",
    ...masks,
    "",
    `Legal demands (SPEC §7): what each basis allows; ${TIME_RANGE_CATEGORIES.join(", ")} always need a time range:`,
    "",
    ...legal,
    "",
    ...refusals,
    "",
    "Retention (SPEC §6): each record is kept through its last day and deleted by the first run after it:",
    "",
    ...retention,
    "",
    "Holds beat deletion, by retention and by erasure alike; every hold has a last day:",
    "",
    ...holds,
  ].join("\n");
}

export const POLICY_README_START = "<!-- policy:start (generated by npm run policy:readme) -->";
export const POLICY_README_END = "<!-- policy:end -->";

/** `readme` with the text between the markers replaced by the current tables. */
export function withPolicyTables(readme: string): string {
  const start = readme.indexOf(POLICY_README_START);
  const end = readme.indexOf(POLICY_README_END);
  if (start < 0 || end < start) throw new Error("README has no policy markers");
  return `${readme.slice(0, start + POLICY_README_START.length)}\n${renderPolicyTables()}\n${readme.slice(end)}`;
}
