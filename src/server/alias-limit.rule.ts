import { GraphQLError, type ASTVisitor, type ValidationContext } from "graphql";
import { ErrorCode } from "../errors/error-code";

/**
 * Rejects documents with more than `max` aliased fields, before execution. Aliases are how one request asks
 * for the same expensive field many times (`a1: subjects(first: 100) … a50: subjects(first: 100)`), which
 * the depth limit does not catch.
 */
export function aliasLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave(node) {
          if (aliases > max) {
            context.reportError(
              new GraphQLError(`The query uses ${aliases} aliases; the limit is ${max}`, {
                nodes: [node],
                extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
              }),
            );
          }
        },
      },
    };
  };
}
