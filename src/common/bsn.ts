/**
 * Dutch citizen service numbers (BSN) must never be stored (SPEC §5): free text containing a 9-digit
 * number that passes the "elfproef" is refused. The elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
 */
export function passesElfproef(nineDigits: string): boolean {
  if (!/^\d{9}$/.test(nineDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(nineDigits[i]);
  sum -= Number(nineDigits[8]);
  return sum % 11 === 0 && nineDigits !== "000000000";
}

/** Dashes NFKC leaves alone (hyphen, non-breaking hyphen, figure/en/em dash, minus sign). */
const DASHES = /[\u2010-\u2015\u2212]/g;
/** Invisible format characters (zero-width space and joiners, soft hyphen, BOM): a paste can hide them between digits. */
const INVISIBLE = /\p{Cf}/gu;
/** A run of digit groups: between groups any amount of white space, or one of `. / -` with optional white space. */
const RUN = /(\+?)(\d+(?:(?:\s*[./-]\s*|\s+)\d+)*)/g;
/** The ways a BSN is written in parts: 111 222 333, and 1112.22.333 as on the identity card. */
const SHAPES: readonly (readonly number[])[] = [[3, 3, 3], [4, 2, 3]];

/**
 * Whether the text holds a valid BSN, however it was typed or pasted. The text is first normalised: NFKC
 * (full-width digits and slashes become ASCII, no-break and narrow no-break spaces become spaces), dashes
 * become `-`, invisible format characters go. Then every run of digit groups (`2025-000168`, `111  222/333`)
 * yields the candidates a person would read as one number:
 * - every group of exactly 9 digits (`BSN 111222333`, also next to other numbers);
 * - the whole run when it has 9 digits in all (`11 12 22 333`);
 * - consecutive groups shaped like a written BSN (3-3-3, 4-2-3) inside a longer run (`111 222 333 1234 AB`).
 * Nothing else is glued, so a phone number next to a postcode or house number is not read as a BSN; and
 * a run that starts with `+` (an international phone number, `+31 612 345 678`) is only checked for
 * 9-digit groups.
 */
export function containsBsn(text: string): boolean {
  const normalised = text.normalize("NFKC").replace(DASHES, "-").replace(INVISIBLE, "");
  for (const [, plus, run] of normalised.matchAll(RUN)) {
    const groups = run.split(/\D+/);
    if (groups.some((g) => g.length === 9 && passesElfproef(g))) return true;
    if (!plus && gluedCandidates(groups).some(passesElfproef)) return true;
  }
  return false;
}

function gluedCandidates(groups: readonly string[]): string[] {
  const out = groups.length > 1 && groups.join("").length === 9 ? [groups.join("")] : [];
  for (const shape of SHAPES) {
    for (let i = 0; i + shape.length <= groups.length; i++) {
      if (shape.every((len, k) => groups[i + k].length === len)) out.push(groups.slice(i, i + shape.length).join(""));
    }
  }
  return out;
}
