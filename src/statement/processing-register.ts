import { ARTICLE_6, PURPOSES, PURPOSE_INFO, type Purpose } from "../policy/purposes";
import { DATA_CATEGORIES } from "../policy/categories";
import { PURPOSE_MATRIX } from "../policy/matrix";
import { rulesOfPurpose } from "../policy/retention";
import { LEGITIMATE_INTERESTS } from "../policy/legitimate-interests";
import { recipientsOf } from "../policy/recipients";
import { SECURITY_MEASURES } from "../policy/security-measures";
import { DATA_SUBJECT_CATEGORIES } from "../policy/data-subjects";
import { basisLabel, CATEGORY_TEXT, PURPOSE_TEXT, RETENTION_RULE_TEXT, retentionText } from "../policy/policy-texts";
import { POLICY_VERSION } from "../policy/policy-version";
import type { Controller } from "./statement-document";
import { staffRecipientsOfPurpose } from "./staff-recipients";

/** One entry of the record of processing activities (AVG art. 30(1)), per purpose. */
export interface RegisterEntry {
  controller: string;
  controllerContact: string;
  purpose: Purpose;
  purposeDescription: string;
  lawfulBases: string[];
  legitimateInterest: string | null;
  dataSubjects: string[];
  /** Category codes with their description and how they are shown (as is or through a mask). */
  dataCategories: { category: string; description: string; access: string; basis: string }[];
  recipients: string[];
  transfersOutsideEu: { recipient: string; country: string; safeguards: string }[];
  retention: { rule: string; appliesTo: string; kept: string }[];
  securityMeasures: string[];
}

export interface ProcessingRegisterDocument {
  formatVersion: "1";
  policyVersion: string;
  controller: { name: string; email: string };
  entries: RegisterEntry[];
}

/** The register, generated from the policy (English: the officer's and the supervisor's working document). */
export function processingRegister(controller: Controller): ProcessingRegisterDocument {
  const en = "en" as const;
  return {
    formatVersion: "1",
    policyVersion: POLICY_VERSION,
    controller: { name: controller.name, email: controller.email },
    entries: PURPOSES.map((purpose) => {
      const external = recipientsOf(purpose);
      return {
        controller: controller.name,
        controllerContact: controller.email,
        purpose,
        purposeDescription: PURPOSE_TEXT[purpose][en],
        lawfulBases: PURPOSE_INFO[purpose].lawfulBases.map((b) => basisLabel(b, en)),
        legitimateInterest: LEGITIMATE_INTERESTS[purpose]?.[en] ?? null,
        dataSubjects: DATA_SUBJECT_CATEGORIES[purpose].map((s) => s[en]),
        dataCategories: DATA_CATEGORIES.flatMap((c) => {
          const cell = PURPOSE_MATRIX[purpose][c];
          if (!cell) return [];
          return [{ category: c, description: CATEGORY_TEXT[c][en], access: cell.access === "ALLOW" ? "as is" : `masked: ${cell.mask}`, basis: ARTICLE_6[cell.basis] }];
        }),
        recipients: [...staffRecipientsOfPurpose(purpose, en), ...external.map((r) => `${r.name[en]}: ${r.terms[en]}`)],
        transfersOutsideEu: external.flatMap((r) =>
          r.transferOutsideEu ? [{ recipient: r.name[en], country: r.transferOutsideEu.country[en], safeguards: r.transferOutsideEu.safeguards[en] }] : [],
        ),
        retention: rulesOfPurpose(purpose).map((r) => ({ rule: r.id, appliesTo: RETENTION_RULE_TEXT[r.id].appliesTo[en], kept: retentionText(r.months, r.anchor, en) })),
        securityMeasures: SECURITY_MEASURES.map((m) => m[en]),
      };
    }),
  };
}
