import { Extensions } from "type-graphql";
import type { DataCategory } from "./categories";
import type { FieldTag } from "./masking";

/** The key under which a field's classification is stored in the GraphQL schema's field extensions. */
export const CLASSIFICATION = "privacy";

/**
 * How a field is classified (Fides-style: the taxonomy is data, and a field without a classification is a
 * test failure, never silently allowed):
 * - `personal`: carries personal data of exactly one category (optionally a tag that masks refer to);
 * - `nested`: an object or list whose own fields are classified (its categories are theirs);
 * - `privacy-record`: the gateway's own records about the subject (consents, objections, restriction…),
 *   readable only when acting for the data subject's rights;
 * - `hold-record`: the legal holds on the subject's records: the privacy officer reads every kind, the purposes
 *   that may read held records (LEGAL_HOLD_READERS) the fiscal ones only;
 * - `demand-record`: the register of police and justice demands (who demanded what, about whom), readable
 *   only by the legal officer and the privacy officer, never through a subject;
 * - `identifier`: an opaque id (of the subject or one of its records): copied, except for pseudonymous purposes
 *   (pseudonymity.ts), which see a keyed pseudonym instead;
 * - `none`: carries no personal data, with the reason written down.
 */
export type FieldClassification =
  | { kind: "personal"; category: DataCategory; tag?: FieldTag }
  | { kind: "nested" }
  | { kind: "privacy-record" }
  | { kind: "demand-record" }
  | { kind: "hold-record" }
  | { kind: "identifier"; reason: string }
  | { kind: "none"; reason: string };

/** The same classifications by class and property, for code that needs them before a schema is built. */
const declared = new Map<object, Map<string, FieldClassification>>();

const classify = (c: FieldClassification) => {
  const extension = Extensions({ [CLASSIFICATION]: c });
  return (target: object, property: string | symbol, descriptor?: PropertyDescriptor) => {
    const fields = declared.get(target.constructor) ?? new Map<string, FieldClassification>();
    fields.set(String(property), c);
    declared.set(target.constructor, fields);
    (extension as (t: object, p: string | symbol, d?: PropertyDescriptor) => void)(target, property, descriptor);
  };
};

/** The classification declared on `type`'s field `field` (an @ObjectType class property), if any. */
export function declaredClassification(type: abstract new (...args: never[]) => unknown, field: string): FieldClassification | undefined {
  return declared.get(type)?.get(field);
}

/** This field carries personal data of `category`. */
export const PersonalData = (category: DataCategory, tag?: FieldTag) =>
  classify(tag ? { kind: "personal", category, tag } : { kind: "personal", category });

/** This field holds objects whose fields are classified one by one. */
export const NestedPersonalData = () => classify({ kind: "nested" });

/** The gateway's own records about the subject (DATA_SUBJECT_RIGHTS only). */
export const PrivacyRecord = () => classify({ kind: "privacy-record" });

/** The legal holds on the subject's records (privacy officer; fiscal holds for LEGAL_HOLD_READERS). */
export const HoldRecord = () => classify({ kind: "hold-record" });

/** The register of legal demands (legal officer and privacy officer only). */
export const DemandRecord = () => classify({ kind: "demand-record" });

/** An opaque id of the subject or one of its records: a pseudonym for pseudonymous purposes; say what it identifies. */
export const Identifier = (reason: string) => classify({ kind: "identifier", reason });

/** This field carries no personal data; say why. */
export const NotPersonalData = (reason: string) => classify({ kind: "none", reason });
