import "reflect-metadata"; // the decorated Subject and Address classes are loaded here
import { DATA_CATEGORIES, type DataCategory } from "../../policy/categories";
import { declaredClassification } from "../../policy/field-classification";
import type { CustomerChanges } from "../../sources/crm/crm.adapter";
import { Subject } from "../../subject/subject.type";
import { Address } from "../../subject/address.type";

/** A field a subject may have rectified: each is one crm.customer column (crm owns all of them). */
export type RectifiableField = keyof CustomerChanges;

/**
 * Field → the GraphQL type it is read as. Its category is that field's own @PersonalData declaration, so the
 * audit names the same categories a read of the field would (test/small/rectification-fields.test.ts).
 */
const READ_AS = { Subject, Address } as const;

export const RECTIFIABLE_FIELDS: Readonly<Record<RectifiableField, { readAs: keyof typeof READ_AS; category: DataCategory }>> =
  Object.fromEntries(
    (
      [
        ["firstName", "Subject"], ["lastName", "Subject"], ["street", "Address"], ["houseNumber", "Address"],
        ["postalCode", "Address"], ["city", "Address"], ["country", "Address"], ["phone", "Subject"],
        ["email", "Subject"], ["notes", "Subject"], ["gender", "Subject"],
      ] as const
    ).map(([field, readAs]) => [field, { readAs, category: declaredCategory(readAs, field) }]),
  ) as Record<RectifiableField, { readAs: keyof typeof READ_AS; category: DataCategory }>;

function declaredCategory(readAs: keyof typeof READ_AS, field: string): DataCategory {
  const c = declaredClassification(READ_AS[readAs], field);
  if (c?.kind !== "personal") throw new Error(`${readAs}.${field} declares no personal-data category`);
  return c.category;
}

/** Every rectifiable field, in a fixed order (the order results and audit entries list them in). */
export const RECTIFIABLE_FIELD_NAMES = Object.keys(RECTIFIABLE_FIELDS) as RectifiableField[];

export const isRectifiableField = (name: string): name is RectifiableField => Object.hasOwn(RECTIFIABLE_FIELDS, name);

/** The categories the fields belong to, once each, in the policy's category order. */
export function categoriesOf(fields: readonly RectifiableField[]): DataCategory[] {
  const found = new Set(fields.map((f) => RECTIFIABLE_FIELDS[f].category));
  return DATA_CATEGORIES.filter((c) => found.has(c));
}
