import { createHash } from "node:crypto";

/** One SQL statement with its own parameters, numbered from $1. */
export interface SqlFragment {
  text: string;
  params: readonly unknown[];
}

/**
 * One part of a combined statement: a data-modifying statement (INSERT / UPDATE / DELETE, or a SELECT
 * calling a function that writes) that becomes one `WITH` item. With `returns`, its rows come back under
 * its name; a SELECT part must return, or PostgreSQL would never run it.
 */
export interface StatementPart extends SqlFragment {
  name: string;
  returns?: boolean;
}

/**
 * Several writes that belong together as ONE statement: data-modifying `WITH` items. PostgreSQL runs a
 * statement as one transaction, so the parts commit or roll back together, with one round trip and one
 * commit instead of BEGIN, a statement per part and COMMIT (on the erasure's path each round trip costs
 * a network write and a wake-up of the server on both sides; the bench showed them to be most of the
 * gap to the raw baseline). Each part keeps its own numbering ($1 …): it is shifted here.
 *
 * What PostgreSQL allows decides what a part may be: no `WITH` holding a data-modifying statement (a
 * `WITH` of plain SELECTs is fine), no `$` other than parameters. All parts see the same snapshot: a part
 * may read what an earlier part returns (by its name) but not the rows it wrote, so parts that depend on
 * each other take the values as parameters (e.g. an id made by the caller); foreign keys are checked at
 * the end of the statement.
 */
export function combine(parts: readonly StatementPart[], requires: readonly Precondition[] = []): SqlFragment & { name: string } {
  const params = [...parts.flatMap((p) => p.params), ...requires.map((r) => r.what)];
  // The text depends only on the parts' names, texts and parameter counts: built (and checked) once per shape.
  const key = JSON.stringify([parts.map((p) => [p.name, p.text, p.params.length, !!p.returns]), requires.map((r) => r.sql)]);
  let shape = shapes.get(key);
  if (!shape) {
    shape = shapeOf(parts, requires);
    if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value as string);
    shapes.set(key, shape);
  }
  return { ...shape, params };
}

/** Combined statements by shape; the callers have a handful (portal erasure, rectification, settling). */
const shapes = new Map<string, { text: string; name: string }>();
const MAX_SHAPES = 200;

function shapeOf(parts: readonly StatementPart[], requires: readonly Precondition[]): { text: string; name: string } {
  let count = 0;
  const items = parts.map((p) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(p.name)) throw new Error(`statement part name ${p.name} is not a plain identifier`);
    if (/\$(?!\d)/.test(p.text)) throw new Error(`statement part ${p.name} has a $ that is not a parameter`);
    const offset = count;
    count += p.params.length;
    const used = new Set<number>();
    const text = p.text.replace(/\$(\d+)/g, (_, n: string) => {
      const i = Number(n);
      if (i < 1 || i > p.params.length) throw new Error(`statement part ${p.name} uses $${i} of ${p.params.length} parameters`);
      used.add(i);
      return `$${offset + i}`;
    });
    // PostgreSQL cannot type a parameter no statement uses, and refuses the whole statement.
    if (used.size !== p.params.length) throw new Error(`statement part ${p.name} leaves some of its ${p.params.length} parameters unused`);
    return `${p.name} AS (${text})`;
  });
  const returned = parts.filter((p) => p.returns).map((p) => `'${p.name}', (SELECT coalesce(json_agg(x), '[]'::json) FROM ${p.name} x)`);
  // The checks come first in the select list: PostgreSQL evaluates it in order, so the parts they read (and
  // the row locks those take) run before the returning parts (e.g. the audit append and its head lock).
  const checks = requires.map((r) => {
    if (r.sql.includes("$")) throw new Error(`precondition "${r.what}" must not use parameters`);
    return `privacy.require(${r.sql}, $${++count}::text)`;
  });
  const text = `WITH ${items.join(",\n")}\nSELECT ${[...checks, `json_build_object(${returned.join(", ")}) AS parts`].join(", ")}`;
  // The name is the text's hash: one text, one name, so two shapes never collide under one name (which
  // node-postgres would refuse).
  return { text, name: `combined_${createHash("sha1").update(text).digest("hex")}` };
}

/**
 * A condition the statement must find true, or it fails whole (SQLSTATE GW001, see isPreconditionFailure):
 * a boolean SQL expression over the parts' names, without parameters. Needs privacy.require (migration
 * 1700000000010), so only on the privacy store.
 */
export interface Precondition {
  sql: string;
  /** Named in the error: which expectation did not hold. */
  what: string;
}

/** Whether a combined statement failed because one of its preconditions did not hold (nothing was written). */
export function isPreconditionFailure(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === PRECONDITION_FAILED;
}

const PRECONDITION_FAILED = "GW001";
