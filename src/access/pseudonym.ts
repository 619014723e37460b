import { createHmac } from "node:crypto";
import type { Clock } from "../common/clock";
import { PLAIN_CURSORS, sealedCursors, type CursorCodec } from "../common/cursor";
import type { Transform } from "../policy/masking";
import { PSEUDONYMOUS_PURPOSES, pseudonymPeriod } from "../policy/pseudonymity";
import type { Purpose } from "../policy/purposes";

/**
 * Keyed pseudonyms for the purposes that may not know whom their data is about (policy/pseudonymity.ts):
 * HMAC-SHA256 of the id under a key derived from (PSEUDONYM_KEY, purpose, key period), cut to 128 bits,
 * shown as `ps_` and 32 hex digits — so it can never be mistaken for (or passed as) a subject id. Without the
 * key nobody can compute a pseudonym from an id; with it, only the gateway. Rotating PSEUDONYM_KEY starts
 * new pseudonyms at once, as a new period does.
 *
 * The gateway's clock picks the key period.
 */
export class Pseudonymizer {
  private readonly periodKeys = new Map<string, Buffer>();

  constructor(
    private readonly key: string,
    private readonly clock: Clock,
  ) {}

  isPseudonymous(purpose: Purpose): boolean {
    return PSEUDONYMOUS_PURPOSES.has(purpose);
  }

  /** The pseudonym of `id` for `purpose` in the period of `at`. */
  pseudonym(purpose: Purpose, id: string, at: Date = this.clock.now()): string {
    const digest = createHmac("sha256", this.periodKey(purpose, pseudonymPeriod(at))).update(id, "utf8").digest("hex");
    return `ps_${digest.slice(0, 32)}`;
  }

  /** What a view does to identifier fields: null (copy them) unless the purpose is pseudonymous. */
  identifierTransform(purpose: Purpose): Transform | null {
    if (!this.isPseudonymous(purpose)) return null;
    return (value) => (typeof value === "string" ? this.pseudonym(purpose, value) : null);
  }

  /** Plain cursors, or for pseudonymous purposes cursors sealed under a key of their own. */
  cursors(purpose: Purpose): CursorCodec {
    if (!this.isPseudonymous(purpose)) return PLAIN_CURSORS;
    return sealedCursors(createHmac("sha256", this.key).update(`cursor|${purpose}`).digest(), purpose);
  }

  private periodKey(purpose: Purpose, period: string): Buffer {
    const name = `${purpose}|${period}`;
    let k = this.periodKeys.get(name);
    if (!k) {
      if (this.periodKeys.size >= 64) this.periodKeys.clear();
      this.periodKeys.set(name, (k = createHmac("sha256", this.key).update(`pseudonym|${name}`).digest()));
    }
    return k;
  }
}
