import { GraphQLError, type ValidationContext } from "graphql";
import type { ErrorCode } from "../errors/error-code";

/** graphql-armor's onReject callback (its types package is only an optional dependency of the rules). */
type ArmorReject = (context: ValidationContext | null, error: GraphQLError) => void;

/**
 * graphql-armor's rules throw a code-less "Syntax Error: …" by default, which Apollo turns into a 500 when
 * thrown from a validation rule. With `propagateOnRejection: false` and this callback, the refusal becomes an
 * ordinary validation error with our code (HTTP 400, nothing executed). Armor's messages name the limit and
 * the count found, never the query.
 */
export function armorRejection(code: ErrorCode): { propagateOnRejection: false; onReject: ArmorReject[] } {
  return {
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { code } }))],
  };
}
