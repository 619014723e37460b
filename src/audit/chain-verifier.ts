import { createHash } from "node:crypto";
import { isCanonicalJson } from "./canonical-json";

/** The prev_hash of the first entry (and the head's hash while the trail is empty). */
export const GENESIS_HASH = "0".repeat(64);

/** The link of the chain, as privacy.append_audit computes it in SQL: sha256 over UTF-8 of prev || entry. */
export function chainHash(prevHash: string, entry: string): string {
  return createHash("sha256").update(prevHash + entry, "utf8").digest("hex");
}

/**
 * Why an entry breaks the chain. Codes only: a reason never quotes the entry (which names an actor).
 * - MISSING_ENTRY: the seq is absent (a row, or the tail, was deleted);
 * - UNEXPECTED_SEQ: a seq below the expected one (a row inserted or renumbered out of order);
 * - HASH_MISMATCH: the stored hash is not sha256(prev_hash || entry): the entry, hash or prev_hash was edited;
 * - NOT_CANONICAL: the entry is not canonical JSON (rewritten outside the gateway, hash recomputed);
 * - REWRITTEN: the entry and its hash were rewritten together: the next entry still links to the old hash;
 * - PREV_HASH_MISMATCH: prev_hash and hash were rewritten together: it links to neither neighbour;
 * - BEYOND_HEAD: entries exist after the head (appended without moving the head);
 * - HEAD_MISMATCH: the head does not name the last entry's hash (that entry or the head was rewritten).
 */
export type ChainBreakReason =
  | "MISSING_ENTRY"
  | "UNEXPECTED_SEQ"
  | "HASH_MISMATCH"
  | "NOT_CANONICAL"
  | "REWRITTEN"
  | "PREV_HASH_MISMATCH"
  | "BEYOND_HEAD"
  | "HEAD_MISMATCH";

export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
}

export interface ChainRow {
  seq: number;
  prevHash: string;
  hash: string;
  entry: string;
}

/**
 * Re-verifies the chain one row at a time, in seq order, so the caller can stream the table in batches.
 * Independent of the SQL that wrote the chain: hashes are recomputed here, in Node.
 *
 * Naming the edited entry, not merely the first bad link: an entry that is consistent in itself
 * (hash = sha256(prev_hash || entry)) but does not link to its predecessor is either a rewritten
 * predecessor (whose new hash it does not know) or itself rewritten from prev_hash on. The link after it
 * tells which: a rewritten entry also breaks its successor's link (or the head's). So such an entry stays
 * "suspect" until the next row or the head is seen.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private suspect: number | null = null;

  /** The seq of the last row read in order (0 before the first). */
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  /** Entries that verified before `broken` (all read so far when null). */
  checkedBefore(broken: ChainBreak | null): number {
    return broken ? Math.max(0, Math.min(broken.seq, this.expectedSeq) - 1) : this.lastSeq;
  }

  /** Verifies the next row; returns the break, or null while the chain still holds. */
  feed(row: ChainRow): ChainBreak | null {
    if (this.suspect !== null) return this.resolveSuspect(row.seq === this.suspect + 1 && row.prevHash === this.prevHash);
    if (row.seq > this.expectedSeq) return { seq: this.expectedSeq, reason: "MISSING_ENTRY" };
    if (row.seq < this.expectedSeq) return { seq: row.seq, reason: "UNEXPECTED_SEQ" };
    if (chainHash(row.prevHash, row.entry) !== row.hash) return { seq: row.seq, reason: "HASH_MISMATCH" };
    if (!isCanonicalJson(row.entry)) return { seq: row.seq, reason: "NOT_CANONICAL" };
    if (row.prevHash !== this.prevHash) this.suspect = row.seq;
    this.prevHash = row.hash;
    this.expectedSeq++;
    return null;
  }

  /** After the last row: the head must name exactly the last entry (so a deleted tail is found too). */
  finish(head: { seq: number; hash: string }): ChainBreak | null {
    if (this.suspect !== null) return this.resolveSuspect(head.seq === this.suspect && head.hash === this.prevHash);
    if (head.seq > this.lastSeq) return { seq: this.lastSeq + 1, reason: "MISSING_ENTRY" };
    if (head.seq < this.lastSeq) return { seq: head.seq + 1, reason: "BEYOND_HEAD" };
    if (head.hash !== this.prevHash) return { seq: head.seq, reason: "HEAD_MISMATCH" };
    return null;
  }

  /**
   * `successorLinks`: the next row (or the head, which names the last seq) accepts the suspect's hash. Then
   * the suspect is intact and its predecessor was rewritten; otherwise the suspect itself was rewritten.
   * The first entry's predecessor is the genesis hash, which cannot be rewritten.
   */
  private resolveSuspect(successorLinks: boolean): ChainBreak {
    const seq = this.suspect as number;
    if (successorLinks && seq > 1) return { seq: seq - 1, reason: "REWRITTEN" };
    return { seq, reason: "PREV_HASH_MISMATCH" };
  }
}
