import type { Block } from "./document-blocks";
import { renderMarkdown } from "./document-render";
import type { ProcessingRegisterDocument, RegisterEntry } from "./processing-register";

export enum RegisterFormat {
  JSON = "JSON",
  CSV = "CSV",
  MARKDOWN = "MARKDOWN",
}

/** The register's columns, in art. 30(1)'s order; each cell a text (lists joined by "; "). */
const COLUMNS: readonly [string, (e: RegisterEntry) => string][] = [
  ["controller", (e) => `${e.controller} <${e.controllerContact}>`],
  ["purpose", (e) => e.purpose],
  ["description", (e) => e.purposeDescription],
  ["lawful basis", (e) => e.lawfulBases.join("; ")],
  ["legitimate interest", (e) => e.legitimateInterest ?? ""],
  ["data subjects", (e) => e.dataSubjects.join("; ")],
  ["data categories", (e) => e.dataCategories.map((c) => `${c.category} (${c.access}; ${c.basis})`).join("; ")],
  ["recipients", (e) => e.recipients.join("; ")],
  ["transfers outside the EU", (e) => e.transfersOutsideEu.map((t) => `${t.recipient}, ${t.country}: ${t.safeguards}`).join("; ") || "none"],
  ["retention", (e) => e.retention.map((r) => `${r.rule}: ${r.appliesTo}, ${r.kept}`).join("; ")],
  ["security measures", (e) => e.securityMeasures.join("; ")],
];

/** RFC 4180 cell; a cell that a spreadsheet would run as a formula gets a leading quote. */
const csvCell = (v: string): string => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function renderRegister(doc: ProcessingRegisterDocument, format: RegisterFormat): string {
  if (format === RegisterFormat.JSON) return JSON.stringify(doc, null, 2);
  if (format === RegisterFormat.CSV) {
    return [COLUMNS.map(([h]) => csvCell(h)).join(","), ...doc.entries.map((e) => COLUMNS.map(([, f]) => csvCell(f(e))).join(","))].join("\r\n") + "\r\n";
  }
  const blocks: Block[] = [
    { kind: "h1", text: `Record of processing activities (GDPR art. 30) — ${doc.controller.name}` },
    { kind: "p", text: `Policy version ${doc.policyVersion}. Generated from the gateway's policy; do not edit by hand.` },
    ...doc.entries.flatMap((e): Block[] => [
      { kind: "h2", text: `${e.purpose}: ${e.purposeDescription}` },
      { kind: "table", head: ["field", "value"], rows: COLUMNS.filter(([h]) => h !== "purpose").map(([h, f]) => [h, f(e) || "–"]) },
    ]),
  ];
  return renderMarkdown({ lang: "en", title: "Record of processing activities", blocks });
}
