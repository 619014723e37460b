import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import type { DataCategory } from "../policy/categories";
import { CLASSIFICATION, type FieldClassification } from "../policy/field-classification";

export interface ClassifiedField {
  name: string;
  /** Undefined when the field was never classified: denied, and reported by the schema test. */
  classification: FieldClassification | undefined;
  /** The object type the field leads to, for nested fields. */
  child: GraphQLObjectType | undefined;
}

const ROOT_TYPES = new Set(["Query", "Mutation", "Subscription"]);

/**
 * The classification of every object field, read once from the built schema (where the decorators in
 * src/policy/field-classification.ts put it). An *assembled* type has at least one personal leaf field:
 * its objects must come from the projector (see purpose-view.ts), which applies the policy to every field.
 */
export class SchemaClassification {
  private readonly fields = new Map<string, ClassifiedField[]>();
  private readonly under = new Map<string, ReadonlySet<DataCategory>>();

  constructor(schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__") || ROOT_TYPES.has(type.name)) continue;
      this.fields.set(
        type.name,
        Object.values(type.getFields()).map((f) => {
          const named = getNamedType(f.type);
          return {
            name: f.name,
            classification: f.extensions?.[CLASSIFICATION] as FieldClassification | undefined,
            child: isObjectType(named) ? named : undefined,
          };
        }),
      );
    }
  }

  typeNames(): string[] {
    return [...this.fields.keys()];
  }

  fieldsOf(typeName: string): readonly ClassifiedField[] {
    return this.fields.get(typeName) ?? [];
  }

  isAssembled(typeName: string): boolean {
    return this.fieldsOf(typeName).some((f) => f.classification?.kind === "personal");
  }

  /** "Type.field" of every field without a classification. */
  unclassified(): string[] {
    return [...this.fields].flatMap(([t, fs]) => fs.filter((f) => !f.classification).map((f) => `${t}.${f.name}`));
  }

  /** The categories a nested field can carry: those of every personal field reachable below it. */
  categoriesUnder(typeName: string): ReadonlySet<DataCategory> {
    const cached = this.under.get(typeName);
    if (cached) return cached;
    const found = new Set<DataCategory>();
    const seen = new Set<string>();
    const walk = (t: string) => {
      if (seen.has(t)) return;
      seen.add(t);
      for (const f of this.fieldsOf(t)) {
        if (f.classification?.kind === "personal") found.add(f.classification.category);
        else if (f.classification?.kind === "nested" && f.child) walk(f.child.name);
      }
    };
    walk(typeName);
    this.under.set(typeName, found);
    return found;
  }
}
