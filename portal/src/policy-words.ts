/**
 * The policy's own words (the `policy` query's `text` fields, the ones the privacy statement prints) for purposes,
 * categories, lawful bases and retention rules, in the page's language. The page keeps no translations of the
 * policy: a purpose added to the policy is named here as the statement names it. A name the policy has no words
 * for is shown as its code.
 */
import { currentLang } from "./i18n";

type Local = { nl: string; en: string };
export interface PolicyDocument {
  purposes: { purpose: string; text: Local; lawfulBases: { basis: string; text: Local }[] }[];
  categories: { category: string; text: Local }[];
  retentionRules: { id: string; text: { appliesTo: Local; reason: Local } }[];
  supervisoryAuthority: { name: string; url: string };
}

export interface PolicyWords {
  purpose: Map<string, Local>; category: Map<string, Local>; basis: Map<string, Local>; ruleReason: Map<string, Local>;
  /** Where a customer may complain (AVG art. 77). */
  authority: { name: string; url: string };
}

export function policyWords(doc: PolicyDocument): PolicyWords {
  return {
    purpose: new Map(doc.purposes.map((p) => [p.purpose, p.text])),
    category: new Map(doc.categories.map((c) => [c.category, c.text])),
    basis: new Map(doc.purposes.flatMap((p) => p.lawfulBases.map((b) => [b.basis, b.text] as const))),
    ruleReason: new Map(doc.retentionRules.map((r) => [r.id, r.text.reason])),
    authority: doc.supervisoryAuthority,
  };
}

/** `code` in the policy's words for the page's language. */
export const word = (words: PolicyWords | null, kind: Exclude<keyof PolicyWords, "authority">, code: string): string => words?.[kind].get(code)?.[currentLang()] ?? code;
