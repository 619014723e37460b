import { types } from "pg";

/**
 * Both engines must hand the code the same JavaScript values, or a test could pass on PGlite and fail on
 * PostgreSQL. Calendar dates stay 'YYYY-MM-DD' strings (a Date at local midnight shifts with the time zone);
 * int8 becomes a number (only counts use it, far below 2^53).
 */
const DATE_OID = 1082;
const INT8_OID = 20;

const identity = (v: string) => v;
const toNumber = (v: string) => Number(v);

/** Parsers for PGlite's `parsers` option. */
export const pgliteParsers = { [DATE_OID]: identity, [INT8_OID]: toNumber };

/** A `types` object for node-postgres' client config (scoped to our pools, not process-global). */
export const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE_OID) return identity;
    if (oid === INT8_OID) return toNumber;
    return types.getTypeParser(oid, format as "text");
  },
};
