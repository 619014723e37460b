import { isEmail, isISO31661Alpha2 } from "class-validator";
import { containsBsn } from "../../common/bsn";
import { holdsControlCharacters } from "../../common/control-characters";
import { appError, ErrorCode } from "../../errors/error-code";
import { Gender } from "../../subject/gender.enum";
import type { CustomerChanges } from "../../sources/crm/crm.adapter";
import { isRectifiableField, RECTIFIABLE_FIELD_NAMES, type RectifiableField } from "./rectification.fields";

/** Dutch postcode as stored: four digits not starting with 0, a space, two capitals. */
export const NL_POSTCODE = /^[1-9][0-9]{3} [A-Z]{2}$/;
/** E.164: "+", a country code not starting with 0, 8 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{7,14}$/;

const FOREIGN_POSTCODE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

/** Text fields: maximum length (code points), whether the column may be cleared, and whether it is free text. */
const TEXT_RULES: Readonly<Record<Exclude<RectifiableField, "gender">, { max: number; clearable: boolean; freeText: boolean }>> = {
  firstName: { max: 100, clearable: false, freeText: true },
  lastName: { max: 100, clearable: false, freeText: true },
  street: { max: 100, clearable: false, freeText: true },
  houseNumber: { max: 16, clearable: false, freeText: true },
  postalCode: { max: 16, clearable: false, freeText: false },
  city: { max: 100, clearable: false, freeText: true },
  country: { max: 2, clearable: false, freeText: false },
  phone: { max: 32, clearable: false, freeText: false },
  email: { max: 254, clearable: false, freeText: true },
  notes: { max: 2000, clearable: true, freeText: true },
};

const GENDERS = new Set<string>(Object.values(Gender));

/**
 * Checks and normalises a rectification. Every problem is reported at once, by field name only: messages
 * never echo a value (it is personal data, and could be a BSN). Throws BAD_USER_INPUT with
 * `extensions.fields`; returns the columns to write otherwise.
 *
 * Normalisation (documented in the input type): text is trimmed and NFC-normalised; a Dutch postcode is
 * upper-cased with one space ("1234ab" → "1234 AB"); the country is upper-cased; spaces, dots, dashes and
 * brackets are removed from the phone number (no national-format guessing: "06…" is refused, not rewritten);
 * empty notes become null. `currentCountry` is the country on file, used when the input does not change it.
 */
export function validateRectification(input: Readonly<Record<string, unknown>>, currentCountry: string): CustomerChanges {
  const given = Object.keys(input).filter((k) => input[k] !== undefined);
  const unknown = given.filter((k) => !isRectifiableField(k));
  if (unknown.length > 0) {
    // The names are not echoed either: a client chooses them.
    throw appError(
      ErrorCode.BAD_USER_INPUT,
      `The input holds ${unknown.length} field(s) that cannot be rectified here; issued invoices are never edited`,
    );
  }
  const fields = RECTIFIABLE_FIELD_NAMES.filter((f) => given.includes(f));
  if (fields.length === 0) throw appError(ErrorCode.BAD_USER_INPUT, "The input must change at least one field");

  const problems = new Map<RectifiableField, string>();
  const changes: Record<string, string | null> = {};
  for (const field of fields) {
    const raw = input[field];
    if (field === "gender") {
      if (raw === null || (typeof raw === "string" && GENDERS.has(raw))) changes.gender = raw;
      else problems.set(field, "gender is not one of the Gender values");
      continue;
    }
    const rule = TEXT_RULES[field];
    if (raw === null) {
      if (rule.clearable) changes[field] = null;
      else problems.set(field, `${field} cannot be cleared`);
      continue;
    }
    if (typeof raw !== "string") {
      problems.set(field, `${field} must be a string`);
      continue;
    }
    const value = raw.trim().normalize("NFC");
    if (value === "" && rule.clearable) {
      changes[field] = null;
      continue;
    }
    const problem = textProblem(field, value, rule);
    if (problem) problems.set(field, problem);
    else changes[field] = normalise(field, value);
  }

  // A Dutch address needs a Dutch postcode: checked whenever the postcode changes or the country becomes NL.
  if (!problems.has("country") && !problems.has("postalCode") && ("postalCode" in changes || "country" in changes)) {
    const country = (changes.country ?? currentCountry).toUpperCase();
    const postcode = changes.postalCode;
    if (country === "NL" && typeof postcode === "string") {
      const normalised = postcode.replace(/^(\d{4}) ?([A-Za-z]{2})$/, (_, d: string, l: string) => `${d} ${l.toUpperCase()}`);
      if (NL_POSTCODE.test(normalised)) changes.postalCode = normalised;
      else problems.set("postalCode", `postalCode must be a Dutch postcode like "1234 AB"`);
    } else if (country === "NL" && currentCountry.toUpperCase() !== "NL") {
      problems.set("postalCode", "postalCode is required when the country changes to NL");
    } else if (typeof postcode === "string" && !FOREIGN_POSTCODE.test(postcode)) {
      problems.set("postalCode", "postalCode may hold only letters, digits, spaces and dashes");
    }
  }

  if (problems.size > 0) {
    const names = RECTIFIABLE_FIELD_NAMES.filter((f) => problems.has(f));
    throw appError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${names.map((f) => problems.get(f)).join("; ")}`, {
      fields: names,
    });
  }
  return changes as CustomerChanges;
}

function textProblem(field: Exclude<RectifiableField, "gender">, value: string, rule: (typeof TEXT_RULES)[typeof field]): string | null {
  if (value === "") return `${field} must not be empty`;
  if ([...value].length > rule.max) return `${field} must be at most ${rule.max} characters`;
  // Notes may hold line breaks and tabs, single-line fields may not.
  if (holdsControlCharacters(value, { lineBreaks: field === "notes" })) return `${field} must not hold control characters`;
  // SPEC §5: free text holding a 9-digit number that passes the elfproef is refused, and nothing is stored.
  if (rule.freeText && containsBsn(value)) return `${field} must not contain a citizen service number (BSN)`;
  switch (field) {
    case "country":
      return isISO31661Alpha2(value.toUpperCase()) ? null : "country must be an ISO 3166-1 alpha-2 code, e.g. NL";
    case "phone":
      return E164.test(normalise("phone", value)) ? null : "phone must be in E.164 format, e.g. +31612345678";
    case "email":
      return isEmail(value) ? null : "email is not a valid e-mail address";
    default:
      return null;
  }
}

function normalise(field: RectifiableField, value: string): string {
  switch (field) {
    case "country":
      return value.toUpperCase();
    case "phone":
      return value.replace(/[\s().-]/g, "");
    default:
      return value;
  }
}
