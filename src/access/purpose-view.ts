import type { GraphQLError } from "graphql";
import type { CursorCodec } from "../common/cursor";
import { appError, ErrorCode } from "../errors/error-code";
import type { DataCategory } from "../policy/categories";
import { MASKS, type Transform } from "../policy/masking";
import { Purpose } from "../policy/purposes";
import { NO_CHOICES, type SubjectChoices } from "./subject-choices";
import { decideCategory, demandDecider, type Decision } from "./category-decision";
import type { Pseudonymizer } from "./pseudonym";
import type { ClassifiedField, SchemaClassification } from "./schema-classification";

/** Marks an object as produced by a view; `isTypeOf` of every assembled type requires it (fail closed). */
export const VIEW = Symbol("purpose-view");
/** The source record behind a projected object, for resolvers of its nested fields. */
export const SOURCE = Symbol("source-record");

export type Projected<T = unknown> = Record<string, unknown> & { [VIEW]: PurposeView; [SOURCE]: T };

type FieldAction = { kind: "copy" } | { kind: "transform"; fn: Transform } | { kind: "deny"; error: GraphQLError };

const COPY: FieldAction = { kind: "copy" };
/** Kinds whose fields resolve themselves (nested objects, the gateway's records on the subject): not projected. */
const FIELD_RESOLVED = new Set(["nested", "privacy-record", "hold-record"]);

export interface ReadSummary {
  categories: DataCategory[];
  denied: { field: string; code: string }[];
}

/**
 * The policy applied for one purpose and one subject's choices in force: which categories are readable, and how each
 * field of each assembled type is shown. Compiled lazily and cached per (purpose, choices), so the work per
 * record is a loop of property copies. A denied field's value is a coded GraphQLError: the executor makes
 * that field null and reports the error at its path, while the fields the caller may see still come back.
 */
export class PurposeView {
  private readonly decisions = new Map<DataCategory, Decision>();
  private readonly actions = new Map<string, readonly [string, FieldAction][]>();
  private readonly containerChecks = new Map<string, true | GraphQLError>();
  private readonly summaries = new WeakMap<readonly string[], ReadSummary>();
  private readonly allCopy = new Map<string, boolean>();

  constructor(
    readonly purpose: Purpose,
    readonly choices: SubjectChoices,
    private readonly schema: SchemaClassification,
    /** Cursors as this purpose gets them (sealed for pseudonymous purposes). */
    readonly cursors: CursorCodec,
    /** What identifier fields become: null to copy them, a pseudonym for pseudonymous purposes. */
    private readonly identifiers: Transform | null = null,
    /** Decides a category; the purpose's matrix cells and the subject's choices unless a view says otherwise. */
    private readonly decider: (category: DataCategory) => Decision = (c) => decideCategory(purpose, c, choices),
  ) {}

  decide(category: DataCategory): Decision {
    let d = this.decisions.get(category);
    if (!d) this.decisions.set(category, (d = this.decider(category)));
    return d;
  }

  /** Whether this view shows any personal field of `typeName` (else its records have nothing to show). */
  showsAny(typeName: string): boolean {
    return this.schema.fieldsOf(typeName).some((f) => f.classification?.kind === "personal" && this.decide(f.classification.category).allowed);
  }

  /** The leaf fields of `typeName` this view shows (copied or masked), in schema order; denied ones are absent. */
  shownFields(typeName: string): string[] {
    return this.actionsFor(typeName).filter(([, a]) => a.kind !== "deny").map(([name]) => name);
  }

  /** For a nested field of an assembled type: true if any category below it is readable, else why not. */
  checkNested(typeName: string, field: string, childType: string): true | GraphQLError {
    const key = `${typeName}.${field}`;
    let result = this.containerChecks.get(key);
    if (result === undefined) {
      const decisions = [...this.schema.categoriesUnder(childType)].map((c) => this.decide(c));
      const denial = decisions.find((d): d is Extract<Decision, { allowed: false }> => !d.allowed && d.code !== ErrorCode.PURPOSE_NOT_ALLOWED)
        ?? decisions.find((d): d is Extract<Decision, { allowed: false }> => !d.allowed);
      result = decisions.some((d) => d.allowed) || !denial ? true : this.fieldError(key, denial);
      this.containerChecks.set(key, result);
    }
    return result;
  }

  /**
   * What a request selecting `fields` ("Type.field") got through this view: the categories returned and the
   * fields refused with their codes. For the audit trail; cached per distinct selection.
   */
  summarize(fields: readonly string[]): ReadSummary {
    let s = this.summaries.get(fields);
    if (!s) {
      const categories = new Set<DataCategory>();
      const denied: { field: string; code: string }[] = [];
      for (const key of fields) {
        const [typeName, name] = key.split(".");
        const f = this.schema.fieldsOf(typeName).find((x) => x.name === name);
        if (f?.classification?.kind !== "personal") continue;
        const action = this.actionsFor(typeName).find(([n]) => n === name)?.[1];
        if (action?.kind === "deny") denied.push({ field: key, code: String(action.error.extensions.code) });
        else categories.add(f.classification.category);
      }
      s = { categories: [...categories].sort(), denied: denied.sort((a, b) => a.field.localeCompare(b.field)) };
      this.summaries.set(fields, s);
    }
    return s;
  }

  /**
   * The record as this view shows it: a new object with exactly the leaf fields of `typeName`, each copied,
   * masked or denied. When every field is shown as is (e.g. DATA_SUBJECT_RIGHTS), the record itself is
   * stamped instead of copied — it belongs to this request's loaders and to this subject only, and GraphQL
   * reads nothing but the type's fields — which halves the allocations of a full profile (bench/).
   */
  project<T extends object>(typeName: string, record: T): Projected<T> {
    const actions = this.actionsFor(typeName);
    if (this.allCopy.get(typeName)) {
      const stamped = record as Projected<T>;
      stamped[VIEW] = this;
      stamped[SOURCE] = record;
      return stamped;
    }
    const out = { [VIEW]: this, [SOURCE]: record } as Projected<T>;
    const src = record as Record<string, unknown>;
    for (const [name, action] of actions) {
      out[name] = action.kind === "copy" ? src[name] : action.kind === "deny" ? action.error : action.fn(src[name]);
    }
    return out;
  }

  projectAll<T extends object>(typeName: string, records: readonly T[]): Projected<T>[] {
    return records.map((r) => this.project(typeName, r));
  }

  private actionsFor(typeName: string): readonly [string, FieldAction][] {
    let list = this.actions.get(typeName);
    if (!list) {
      list = this.schema
        .fieldsOf(typeName)
        .filter((f) => !FIELD_RESOLVED.has(f.classification?.kind ?? ""))
        .map((f) => [f.name, this.fieldAction(typeName, f)] as [string, FieldAction]);
      this.actions.set(typeName, list);
      this.allCopy.set(typeName, list.every(([, a]) => a === COPY));
    }
    return list;
  }

  private fieldAction(typeName: string, f: ClassifiedField): FieldAction {
    const key = `${typeName}.${f.name}`;
    const c = f.classification;
    if (!c) return { kind: "deny", error: this.fieldError(key, { code: ErrorCode.PURPOSE_NOT_ALLOWED, reason: "has no data classification" }) };
    if (c.kind === "none") return COPY;
    if (c.kind === "identifier") return this.identifiers ? { kind: "transform", fn: this.identifiers } : COPY;
    if (c.kind !== "personal") return { kind: "deny", error: this.fieldError(key, { code: ErrorCode.PURPOSE_NOT_ALLOWED, reason: "is not a leaf" }) };
    const d = this.decide(c.category);
    if (!d.allowed) return { kind: "deny", error: this.fieldError(key, d) };
    if (d.cell.access === "ALLOW" || !d.cell.mask) return COPY;
    const mask = MASKS[d.cell.mask];
    const withheld = Array.isArray(mask.withhold)
      ? c.tag !== undefined && (mask.withhold as readonly string[]).includes(c.tag)
      : !(c.tag !== undefined && (mask.withhold as { allBut: readonly string[] }).allBut.includes(c.tag));
    if (withheld) {
      return { kind: "deny", error: this.fieldError(key, { code: ErrorCode.PURPOSE_NOT_ALLOWED, reason: `withheld for purpose ${this.purpose} (${mask.description})` }) };
    }
    const fn = c.tag ? mask.transform[c.tag] : undefined;
    return fn ? { kind: "transform", fn } : COPY;
  }

  private fieldError(field: string, d: { code: ErrorCode; reason: string }): GraphQLError {
    return appError(d.code, `${field}: ${d.reason}`, { field, purpose: this.purpose });
  }
}

/** One view per (purpose, choices in force) for the life of the process; distinct choices are few and small. */
export class ViewRegistry {
  private readonly views = new Map<string, PurposeView>();
  private readonly codecs = new Map<Purpose, CursorCodec>();
  constructor(
    private readonly schema: SchemaClassification,
    private readonly pseudonyms: Pseudonymizer,
    private readonly maxViews = 10_000,
  ) {}

  for(purpose: Purpose, choices: SubjectChoices): PurposeView {
    const key = `${purpose}|${choices.key}`;
    let view = this.views.get(key);
    if (!view) {
      if (this.views.size >= this.maxViews) this.views.clear();
      view = new PurposeView(purpose, choices, this.schema, this.cursorsFor(purpose), this.pseudonyms.identifierTransform(purpose));
      this.views.set(key, view);
    }
    return view;
  }

  /**
   * The view of one approved legal demand: LEGAL_DISCLOSURE showing exactly `categories` (demandDecider). Made
   * per execution, not cached: a demand is executed a handful of times, and its view must never serve another.
   */
  forDemand(categories: readonly DataCategory[]): PurposeView {
    const purpose = Purpose.LEGAL_DISCLOSURE;
    return new PurposeView(purpose, NO_CHOICES, this.schema, this.cursorsFor(purpose), null, demandDecider(categories));
  }

  cursorsFor(purpose: Purpose): CursorCodec {
    let codec = this.codecs.get(purpose);
    if (!codec) this.codecs.set(purpose, (codec = this.pseudonyms.cursors(purpose)));
    return codec;
  }
}

export const isProjected = (value: unknown): boolean =>
  typeof value === "object" && value !== null && (value as { [VIEW]?: unknown })[VIEW] instanceof PurposeView;
