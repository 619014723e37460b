import { GraphQLError, type ASTVisitor, type ValidationContext } from "graphql";

/**
 * Refuses an operation whose type the schema has no root for (`subscription { … }`: the gateway has none),
 * as graphql-js 17's KnownOperationTypesRule does. graphql-js 16 leaves that to execution, where graphql-jit
 * failed it as an internal error; here it is GRAPHQL_VALIDATION_FAILED (HTTP 400).
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: [node] }));
      }
    },
  };
}
