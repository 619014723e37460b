import { DATA_CATEGORIES, DataCategory } from "../../policy/categories";
import type { CustomerChanges } from "../../sources/crm/crm.adapter";

/** A field a subject may have rectified: each is one crm.customer column (crm owns all of them). */
export type RectifiableField = keyof CustomerChanges;

const { NAME, ADDRESS, GENDER, PHONE, EMAIL, OTHER } = DataCategory;

/**
 * Field → the GraphQL type and category it is read as. The category must equal the @PersonalData
 * classification of `Subject.<field>` / `Address.<field>` (test/small/rectification-fields.test.ts checks
 * this against the built schema), so the audit names the same categories a read of the field would.
 */
export const RECTIFIABLE_FIELDS: Readonly<Record<RectifiableField, { readAs: "Subject" | "Address"; category: DataCategory }>> = {
  firstName: { readAs: "Subject", category: NAME },
  lastName: { readAs: "Subject", category: NAME },
  street: { readAs: "Address", category: ADDRESS },
  houseNumber: { readAs: "Address", category: ADDRESS },
  postalCode: { readAs: "Address", category: ADDRESS },
  city: { readAs: "Address", category: ADDRESS },
  country: { readAs: "Address", category: ADDRESS },
  phone: { readAs: "Subject", category: PHONE },
  email: { readAs: "Subject", category: EMAIL },
  notes: { readAs: "Subject", category: OTHER },
  gender: { readAs: "Subject", category: GENDER },
};

/** Every rectifiable field, in a fixed order (the order results and audit entries list them in). */
export const RECTIFIABLE_FIELD_NAMES = Object.keys(RECTIFIABLE_FIELDS) as RectifiableField[];

export const isRectifiableField = (name: string): name is RectifiableField => Object.hasOwn(RECTIFIABLE_FIELDS, name);

/** The categories the fields belong to, once each, in the policy's category order. */
export function categoriesOf(fields: readonly RectifiableField[]): DataCategory[] {
  const found = new Set(fields.map((f) => RECTIFIABLE_FIELDS[f].category));
  return DATA_CATEGORIES.filter((c) => found.has(c));
}
