import canonicalize from "canonicalize";

/**
 * RFC 8785 (JCS) canonical JSON: sorted keys, no whitespace, ECMAScript number formatting. The audit hash
 * covers this exact text, so anyone can recompute it from the stored entry with any JCS implementation.
 * `canonicalize` 2.x is the reference implementation by the RFC's authors and still CommonJS (3.x and later
 * are ESM-only; 5.x also requires Node 22).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

/** True when `text` is JSON in exactly its canonical form (so its hash can be recomputed from the value). */
export function isCanonicalJson(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
