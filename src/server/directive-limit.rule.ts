import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { ErrorCode } from "../errors/error-code";
import { armorRejection } from "./armor-rejection";

/**
 * Rejects operations with more than `max` directives in all (fragments included), graphql-armor's limit:
 * thousands of `@include(if: true)` make validation and execution slow without asking for more data.
 * (Repeating a directive on one field is already refused by graphql-js's UniqueDirectivesPerLocation.)
 */
export function directiveLimitRule(max: number) {
  return maxDirectivesRule({ n: max, ...armorRejection(ErrorCode.QUERY_TOO_COMPLEX) });
}
