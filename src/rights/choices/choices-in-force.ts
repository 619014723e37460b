import type { Purpose } from "../../policy/purposes";
import { consentKey, NO_CHOICES, type SubjectChoices } from "../../access/subject-choices";
import { DirectiveKind, type ActiveDirective } from "./directive";

/**
 * The signature of a state: sorted, with a distinct prefix per part, so equal states give equal keys and
 * different states different keys (purpose and category names never contain ",", ";" or "=").
 * The empty state is "" (NO_CHOICES.key).
 */
export function choicesKey(restricted: boolean, objections: Iterable<Purpose>, withdrawn: Iterable<string>): string {
  const parts: string[] = [];
  if (restricted) parts.push("R");
  const o = [...objections].sort();
  if (o.length) parts.push(`O=${o.join(",")}`);
  const c = [...withdrawn].sort();
  if (c.length) parts.push(`C=${c.join(",")}`);
  return parts.join(";");
}

/** The state the enforcement layer needs, from the directives of one subject that are in force. */
export function toSubjectChoices(directives: readonly ActiveDirective[]): SubjectChoices {
  // A consent given changes nothing the matrix does not already allow: subjects with only those share NO_CHOICES.
  if (directives.every((d) => d.kind === DirectiveKind.CONSENT_GIVEN)) return NO_CHOICES;
  let restricted = false;
  let erased = false;
  const objections = new Set<Purpose>();
  const withdrawnConsents = new Set<string>();
  for (const d of directives) {
    if (d.kind === DirectiveKind.RESTRICTION) restricted = true;
    else if (d.kind === DirectiveKind.ERASED) erased = restricted = true;
    else if (d.kind === DirectiveKind.OBJECTION && d.purpose) objections.add(d.purpose);
    else if (d.kind === DirectiveKind.CONSENT_WITHDRAWN && d.purpose && d.category) {
      withdrawnConsents.add(consentKey(d.purpose, d.category));
    }
  }
  // `erased` changes no field's decision beyond `restricted`, so it needs no part of the key (views are shared).
  return { restricted, erased, objections, withdrawnConsents, key: choicesKey(restricted, objections, withdrawnConsents) };
}
