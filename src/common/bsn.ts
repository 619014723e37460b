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

/** Whether the text holds a standalone 9-digit number (dots, spaces or dashes between groups allowed) that is a valid BSN. */
export function containsBsn(text: string): boolean {
  const candidates = text.match(/(?<!\d)\d(?:[ .-]?\d){8}(?!\d)/g) ?? [];
  return candidates.some((c) => passesElfproef(c.replace(/[ .-]/g, "")));
}
