import { isObjectType, type GraphQLSchema } from "graphql";
import { shield } from "graphql-shield";
import type { IRules } from "graphql-shield";
import { applyMiddleware, type IMiddlewareFieldMap } from "graphql-middleware";
import { allow, demandRecord, deny, holdRecord, mayReadNested, privacyRecord, RULES, type ShieldRule } from "./permission-rules";
import { ROOT_PERMISSIONS } from "./root-permissions";
import type { SchemaClassification } from "./schema-classification";
import { isProjected } from "./purpose-view";

/**
 * The rule map, generated from the classification in the schema and the root permissions — never written
 * by hand per field:
 * - root fields: their named access rule (ROOT_PERMISSIONS), anything else denied;
 * - nested fields of assembled types (Subject.invoices …): may the parent's view read any category below;
 * - the gateway's own records about a subject: DATA_SUBJECT_RIGHTS only;
 * - the register of legal demands: the legal officer and the privacy officer only;
 * - personal leaf fields: `allow` here because the projector already applied the policy to them (see below);
 * - fields that carry no personal data (declared, with a reason): `allow`;
 * - a field without a classification: `deny` (and the schema test fails).
 */
export function buildRuleTree(schema: GraphQLSchema, classification: SchemaClassification): Record<string, Record<string, ShieldRule>> {
  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const root of ["Query", "Mutation"] as const) {
    const type = root === "Query" ? schema.getQueryType() : schema.getMutationType();
    if (!type) continue;
    tree[root] = Object.fromEntries(
      Object.keys(type.getFields()).map((f) => {
        const name = ROOT_PERMISSIONS[root][f];
        return [f, name ? RULES[name] : deny];
      }),
    );
  }
  for (const typeName of classification.typeNames()) {
    const assembled = classification.isAssembled(typeName);
    tree[typeName] = Object.fromEntries(
      classification.fieldsOf(typeName).map((f) => {
        const c = f.classification;
        if (!c) return [f.name, deny];
        if (c.kind === "privacy-record") return [f.name, privacyRecord];
        if (c.kind === "demand-record") return [f.name, demandRecord];
        if (c.kind === "hold-record") return [f.name, holdRecord];
        if (c.kind === "nested" && assembled && f.child) {
          return [f.name, mayReadNested(classification.categoriesUnder(f.child.name))];
        }
        return [f.name, allow];
      }),
    );
  }
  return tree;
}

/**
 * Applies the rule map with graphql-shield (fallback deny, coded errors passed through) and makes every
 * assembled type refuse objects that did not come from the projector.
 *
 * Why `allow` fields are left unwrapped: shield wraps every field in an async middleware, and `allow` only
 * calls through. On a full profile that is thousands of promise round-trips per request for nothing, against
 * SPEC §9's budget (bench/RESULTS.md has what shield on every field cost). Personal leaf fields are enforced where the
 * objects are assembled instead, and `isTypeOf` makes that fail closed: an object that bypassed the
 * projector is an execution error, not a leak.
 */
export function applyPermissions(schema: GraphQLSchema, classification: SchemaClassification): GraphQLSchema {
  const tree = buildRuleTree(schema, classification);
  const generated = shield(tree as IRules, { fallbackRule: deny, allowExternalErrors: true }).generate(schema) as Record<string, IMiddlewareFieldMap>;
  const wrapped: Record<string, IMiddlewareFieldMap> = {};
  for (const [typeName, fields] of Object.entries(generated)) {
    for (const [field, mw] of Object.entries(fields)) {
      if (tree[typeName]?.[field] === allow) continue;
      (wrapped[typeName] ??= {})[field] = mw;
    }
  }
  const guarded = applyMiddleware(schema, wrapped);
  for (const typeName of classification.typeNames()) {
    const type = guarded.getType(typeName);
    if (isObjectType(type) && classification.isAssembled(typeName)) type.isTypeOf = isProjected;
  }
  return guarded;
}
