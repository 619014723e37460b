import type { SeededRandom } from "./seeded-random";
import { CITIES, EMAIL_DOMAINS, type City } from "./dutch-lists";

/**
 * Generators for Dutch formats with real validity rules: postcodes, E.164 phone numbers and IBANs with
 * correct check digits. Validity matters: a gateway that validates or masks these values must be shown
 * working on values that look exactly like production data.
 */

// Real postcodes never use F, I, O, Q, U or Y, and the combinations SA, SD and SS are not issued.
const POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ";
const FORBIDDEN_POSTCODE_SUFFIXES = new Set(["SA", "SD", "SS"]);

/** A postcode `1234 AB` inside the city's range (or anywhere in 1000–9999 without a city). */
export function postcode(rng: SeededRandom, city?: City): string {
  const [lo, hi] = city?.postcodes ?? [1000, 9999];
  const digits = rng.int(lo, hi);
  let letters: string;
  do {
    letters = rng.pick([...POSTCODE_LETTERS]) + rng.pick([...POSTCODE_LETTERS]);
  } while (FORBIDDEN_POSTCODE_SUFFIXES.has(letters));
  return `${digits} ${letters}`;
}

/** Mobile number in E.164: +316 followed by 8 digits (06-1… to 06-5… are the mobile blocks in use). */
export function mobilePhone(rng: SeededRandom): string {
  return `+316${rng.int(1, 5)}${rng.digits(7)}`;
}

/**
 * Landline in E.164: +31, the area code without its trunk 0, then the subscriber number, nine digits in
 * total after +31. Subscriber numbers do not start with 0 or 1.
 */
export function landlinePhone(rng: SeededRandom, city?: City): string {
  const area = city?.areaCode ?? rng.pick(CITIES).areaCode;
  return `+31${area}${rng.int(2, 9)}${rng.digits(8 - area.length)}`;
}

export function phone(rng: SeededRandom, city?: City): string {
  return rng.chance(0.7) ? mobilePhone(rng) : landlinePhone(rng, city);
}

/** House number: mostly plain, sometimes with a letter ("12A") or a floor/unit suffix ("7-2"). */
export function houseNumber(rng: SeededRandom): string {
  const n = rng.chance(0.8) ? rng.int(1, 80) : rng.int(81, 320);
  if (rng.chance(0.08)) return `${n}${rng.pick(["A", "B", "C", "D"])}`;
  if (rng.chance(0.05)) return `${n}-${rng.int(1, 4)}`;
  if (rng.chance(0.02)) return `${n} hs`;
  return String(n);
}

/** The ISO 7064 mod-97-10 remainder of an alphanumeric string (letters count as 10…35), as used by IBANs. */
export function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text.toUpperCase()) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    // Digit by digit keeps the running value far below 2^53.
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** Two check digits that make `country + checks + bban` pass the mod-97 test (ISO 13616). */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, "0");
}

/** Bank codes of Dutch banks, weighted roughly by market share. */
export const NL_BANKS: ReadonlyArray<readonly [number, string]> = [
  [30, "INGB"], [25, "RABO"], [20, "ABNA"], [6, "SNSB"], [5, "ASNB"], [5, "BUNQ"], [4, "KNAB"], [3, "TRIO"],
];

/** A Dutch IBAN, NLkk BANK 0123456789 (stored without spaces), with valid check digits. */
export function nlIban(rng: SeededRandom): string {
  const bank = rng.weighted(NL_BANKS);
  // ING accounts are former Postbank giro numbers: short numbers, zero-padded to ten digits.
  const account = bank === "INGB" ? `000${rng.int(1, 9)}${rng.digits(6)}` : `${rng.int(1, 9)}${rng.digits(9)}`;
  const bban = `${bank}${account}`;
  return `NL${ibanCheckDigits("NL", bban)}${bban}`;
}

/** ISO 11649 structured creditor reference ("RF" + check digits + reference), as on Dutch invoices. */
export function creditorReference(rng: SeededRandom): string {
  const body = rng.alnum(12).toUpperCase();
  return `RF${String(98 - mod97(`${body}RF00`)).padStart(2, "0")}${body}`;
}

/** ASCII-only, lowercase letters: "Sjoerd van 't Hoff" → "sjoerdvanthoff"-style e-mail material. */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** The last name without its tussenvoegsel: "van der Berg" → "Berg". */
export function surnameCore(lastName: string): string {
  const parts = lastName.split(" ");
  return parts[parts.length - 1];
}

/** An e-mail address derived from the name, the way people actually pick them. */
export function emailFor(rng: SeededRandom, firstName: string, lastName: string): string {
  const first = asciiSlug(firstName);
  const last = asciiSlug(lastName);
  const core = asciiSlug(surnameCore(lastName));
  const local = rng.weighted<string>([
    [5, `${first}.${last}`],
    [3, `${first[0]}.${core}`],
    [3, `${first}${core}${rng.int(1, 99)}`],
    [2, `${first}_${core}`],
    [2, `${first}${rng.int(1960, 2005)}`],
    [1, `${first[0]}${last}`],
  ]);
  // A few people use their own domain (often a small business): info@ or their name at it.
  if (rng.chance(0.08)) return `${rng.pick(["info", first])}@${core}${rng.pick(["", "-webdesign", "-advies", "-bouw"])}.nl`;
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

/** Account holder as banks print it: initials and the full last name ("J.P. van der Berg"). */
export function holderName(rng: SeededRandom, firstName: string, lastName: string): string {
  const initials = rng.chance(0.3) ? `${firstName[0]}.${rng.pick([..."ACEHJMPW"])}.` : `${firstName[0]}.`;
  return rng.chance(0.25) ? `${firstName} ${lastName}` : `${initials} ${lastName}`;
}
