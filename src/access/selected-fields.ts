import { isObjectType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";

const cache = new WeakMap<DocumentNode, readonly string[]>();

/**
 * Every "Type.field" a document selects on an object type (fragments included). Used to say which
 * categories a read returned and which it was refused. Apollo reuses DocumentNodes for repeated query
 * texts, so the walk happens once per distinct query.
 */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode): readonly string[] {
  let fields = cache.get(document);
  if (!fields) {
    const found = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (isObjectType(parent)) found.add(`${parent.name}.${node.name.value}`);
        },
      }),
    );
    fields = [...found];
    cache.set(document, fields);
  }
  return fields;
}
