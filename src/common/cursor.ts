import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { appError, ErrorCode } from "../errors/error-code";
import { isUuid } from "./uuid";

/**
 * Opaque cursors: base64url of "<kind>:<payload>". Clients must not build them; a cursor of the wrong kind
 * or shape is BAD_USER_INPUT (never a database error).
 */
export function encodeCursor(kind: string, payload: string): string {
  return Buffer.from(`${kind}:${payload}`, "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string, argName = "after"): string {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  return payloadOf(kind, text, argName);
}

function payloadOf(kind: string, text: string, argName: string): string {
  if (!text.startsWith(`${kind}:`)) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${argName}" is not a valid cursor`);
  return text.slice(kind.length + 1);
}

/** How one caller's cursors are written and read. */
export interface CursorCodec {
  encode(kind: string, payload: string): string;
  decode(kind: string, cursor: string, argName?: string): string;
}

export const PLAIN_CURSORS: CursorCodec = { encode: encodeCursor, decode: decodeCursor };

const IV = 12;
const TAG = 16;

/**
 * Cursors whose payload the holder cannot read: AES-256-GCM with a fresh IV, bound to `context` (the purpose)
 * as additional data. A cursor payload is a position such as a subject id; sealed, it reveals nothing, and
 * the random IV makes two cursors of the same position differ, so a cursor is no join key either.
 * A cursor that does not open (tampered, another key or purpose) is BAD_USER_INPUT like any bad cursor.
 */
export function sealedCursors(key: Buffer, context: string): CursorCodec {
  const aad = Buffer.from(context, "utf8");
  return {
    encode(kind, payload) {
      const iv = randomBytes(IV);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad);
      const body = Buffer.concat([cipher.update(`${kind}:${payload}`, "utf8"), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    decode(kind, cursor, argName = "after") {
      const raw = /^[A-Za-z0-9_-]{1,600}$/.test(cursor) ? Buffer.from(cursor, "base64url") : Buffer.alloc(0);
      let text = "";
      if (raw.length > IV + TAG) {
        try {
          const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV)).setAAD(aad);
          decipher.setAuthTag(raw.subarray(raw.length - TAG));
          text = Buffer.concat([decipher.update(raw.subarray(IV, raw.length - TAG)), decipher.final()]).toString("utf8");
        } catch {
          text = "";
        }
      }
      return payloadOf(kind, text, argName);
    },
  };
}

/** A keyset position as list cursors carry it: an instant and a record id (ties broken by id). */
export interface Position {
  at: Date;
  id: string;
}

export const encodePosition = (codec: CursorCodec, kind: string, at: Date, id: string): string =>
  codec.encode(kind, `${at.toISOString()}|${id}`);

/** The position in a cursor of `kind`; a cursor that holds no instant and UUID is BAD_USER_INPUT. */
export function decodePosition(codec: CursorCodec, kind: string, cursor: string): Position {
  const [iso, id] = codec.decode(kind, cursor).split("|");
  const at = new Date(iso ?? "");
  if (!id || !isUuid(id) || Number.isNaN(at.getTime())) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "after" is not a valid cursor');
  return { at, id };
}

/** Page sizes are bounded so that one request cannot ask for the whole database. */
export function assertPageSize(first: number, max: number, argName = "first"): void {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${argName}" must be between 1 and ${max}`);
  }
}
