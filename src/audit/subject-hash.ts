import { createHmac } from "node:crypto";

/**
 * Keyed hashes stand in for people in the audit trail. A keyed hash (HMAC-SHA256), not a plain one: subject
 * ids are UUIDs from a known system, and anyone holding the trail but not the key must not be able to test
 * a guessed id against it. The same key always gives the same hash, so the trail can still be filtered by
 * subject; rotating AUDIT_HASH_KEY therefore splits a subject's history in two.
 */
export function keyedHash(key: string, value: string): string {
  return createHmac("sha256", key).update(value, "utf8").digest("hex");
}

/** The subject as the trail stores it. UUIDs are lower-cased first: the same subject in any case is one hash. */
export function subjectHash(key: string, subjectId: string): string {
  return keyedHash(key, subjectId.toLowerCase());
}
