import { Kind, TypeInfo, validate, visit, visitWithTypeInfo, type ASTVisitor, type DocumentNode, type FieldNode, type GraphQLSchema, type ValidationContext } from "graphql";
import { costLimitRule as armorCostLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { ErrorCode } from "../errors/error-code";
import { armorRejection } from "./armor-rejection";

/**
 * Rejects operations whose cost exceeds `max`, graphql-armor's cost limit with every field costing 1 and no
 * extra weight per level: the cost is then the number of values the answer can hold, each field multiplied
 * by the `first`/`last` of the lists around it. (`subjects(first: 100)` with every field and source, as the
 * benchmark asks, is 48,100.)
 *
 * Armor multiplies only by a page size written in the query. A page size given as a variable counts here as
 * `largestPage`, and an omitted one as the argument's default, so neither `first: $n` nor leaving `first`
 * out hides a list's size. The rewritten copy exists only for counting, once per document.
 */
export function costLimitRule(max: number, largestPage: number) {
  const armor = armorCostLimitRule({ maxCost: max, objectCost: 1, scalarCost: 1, depthCostFactor: 1, ...armorRejection(ErrorCode.QUERY_TOO_COSTLY) });
  return (context: ValidationContext): ASTVisitor => ({
    Document(node) {
      const schema = context.getSchema();
      for (const error of validate(schema, withPageSizes(node, schema, largestPage), [armor])) context.reportError(error);
      return false; // nothing below the document is this rule's concern
    },
  });
}

const PAGE_ARGS = new Set(["first", "last"]);

/** `document` with every page size written out as a number (see above). */
export function withPageSizes(document: DocumentNode, schema: GraphQLSchema, largestPage: number): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(document, visitWithTypeInfo(typeInfo, {
    Field(node): FieldNode | undefined {
      const arg = typeInfo.getFieldDef()?.args.find((a) => PAGE_ARGS.has(a.name));
      if (!arg) return undefined;
      const given = node.arguments?.find((a) => a.name.value === arg.name);
      if (given?.value.kind === Kind.INT) return undefined;
      const size = !given && typeof arg.defaultValue === "number" ? arg.defaultValue : largestPage;
      const others = (node.arguments ?? []).filter((a) => a !== given);
      const written = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: arg.name }, value: { kind: Kind.INT, value: String(size) } } as const;
      return { ...node, arguments: [...others, written] };
    },
  }));
}
